"""`lead-scoring run`: materialise the nightly job once, in this process."""

import argparse
import os
import sys
from pathlib import Path

import dagster as dg

from lead_scoring import settings
from lead_scoring.run_lock import running

EXIT_BUSY = 75  # EX_TEMPFAIL: another run holds the warehouse; try again later


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="compute what the CRM sync would send, send nothing",
    )


def run_nightly(dry_run: bool = False) -> dg.ExecuteInProcessResult:
    """Run every asset and check once; runs are kept in DAGSTER_HOME (default .dagster_home)."""
    from lead_scoring.definitions import defs  # Dagster and dbt load only when a run starts

    home = Path(os.environ.get("DAGSTER_HOME") or settings.PROJECT_ROOT / ".dagster_home")
    home.mkdir(parents=True, exist_ok=True)
    os.environ["DAGSTER_HOME"] = str(home)
    run_config = {"ops": {"reverse_etl__crm_lead_scores": {"config": {"dry_run": dry_run}}}}
    with dg.DagsterInstance.get() as instance:
        job = defs.resolve_job_def("nightly_lead_scoring")
        return job.execute_in_process(
            instance=instance, run_config=run_config, raise_on_error=False
        )


def run(args: argparse.Namespace) -> int:
    busy = running(settings.duckdb_path())
    if busy:
        print(f"lead-scoring run: {busy}", file=sys.stderr)
        return EXIT_BUSY
    result = run_nightly(dry_run=args.dry_run)
    return 0 if result.success else 1
