"""`lead-scoring run`: materialise the nightly job once, in this process.

The console shows one line per stage step (files and rows landed, dbt models done of total,
checks, CRM batches with the rate), then the summary and, if the run failed, why in plain
words. Dagster's own log (DEBUG lines and tracebacks) only with --verbose.
"""

import argparse
import sys
import warnings

from lead_scoring import settings
from lead_scoring.progress import show_on_console
from lead_scoring.run_lock import running
from lead_scoring.run_report import failure_lines, summary_lines

EXIT_BAD_SETTINGS = 2
EXIT_BUSY = 75  # EX_TEMPFAIL: another run holds the warehouse; try again later


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="compute what the CRM sync would send, send nothing",
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="show Dagster's own log (DEBUG lines) besides the progress lines",
    )


def missing_folders() -> list[str]:
    """Landing folders that do not exist: found now, not after minutes of other work."""
    current = settings.current()
    folders = {
        "LEAD_SCORING_WEB_EVENTS_DIR": current.web_events_dir,
        "LEAD_SCORING_EMAIL_EVENTS_DIR": current.email_events_dir,
    }
    return [
        f"{name}={str(folder)!r} is not usable: the folder does not exist. Point it at the "
        "folder files land in, or run `lead-scoring generate` for sample data"
        for name, folder in folders.items()
        if folder is not None and not folder.is_dir()
    ]


def run_nightly(dry_run: bool = False, verbose: bool = False):
    """Run every asset and check once; runs are kept in the project's Dagster instance."""
    import dagster as dg

    from lead_scoring.dagster_home import dagster_home
    from lead_scoring.definitions import build_defs

    level = "DEBUG" if verbose else "CRITICAL"  # failures are told by run_report instead
    run_config = {
        "ops": {"reverse_etl__crm_lead_scores": {"config": {"dry_run": dry_run}}},
        "loggers": {"console": {"config": {"log_level": level}}},
    }
    job = build_defs().resolve_job_def("nightly_lead_scoring")
    with dg.DagsterInstance.from_config(str(dagster_home())) as instance:
        return job.execute_in_process(
            instance=instance,
            run_config=run_config,
            raise_on_error=False,
            tags={} if verbose else {"lead_scoring/console": "quiet"},  # dbt's echo off
        )


def run(args: argparse.Namespace) -> int:
    busy = running(settings.duckdb_path())
    if busy:
        print(f"lead-scoring run: {busy}", file=sys.stderr)
        return EXIT_BUSY
    problems = missing_folders()
    for line in problems:
        print(f"lead-scoring: {line}", file=sys.stderr)
    if problems:
        return EXIT_BAD_SETTINGS
    if not args.verbose:
        warnings.filterwarnings("ignore")  # library deprecation notes: --verbose shows them
    show_on_console(sys.stdout)
    print("Running the nightly job (ingest, dbt, checks, BI snapshot, CRM sync) ...", flush=True)
    result = run_nightly(dry_run=args.dry_run, verbose=args.verbose)
    print("\n".join(summary_lines(result.run_id)))
    failures = failure_lines(result)
    if failures:
        print("The run failed:", *failures, sep="\n  ", file=sys.stderr)
    return 0 if result.success else 1
