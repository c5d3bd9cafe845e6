"""`lead-scoring demo`: the whole pipeline once on embedded defaults, then a summary.

Generates sample data, starts the CRM sandbox as its own process, runs the nightly job against
a local DuckDB file, prints what happened and stops the sandbox.
"""

import argparse
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

from lead_scoring import settings

SANDBOX_START_TIMEOUT_SECONDS = 30


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # enough leads that every stage and SLA status occurs in one night's data
    parser.add_argument("--leads", type=int, default=5000)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--port", type=int, default=8765, help="CRM sandbox port")


@contextmanager
def sandbox_process(
    db_path: Path,
    import_dir: Path,
    port: int,
    extra_args: tuple[str, ...] = (),
    start_timeout: float = SANDBOX_START_TIMEOUT_SECONDS,
):
    """The sandbox in a child process, stopped (SIGTERM) when the block ends."""
    command = [
        sys.executable,
        "-m",
        "lead_scoring.cli",
        "crm-sandbox",
        "--db",
        str(db_path),
        "--port",
        str(port),
        "--import-dir",
        str(import_dir),
        *extra_args,
    ]
    process = subprocess.Popen(command)
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(base_url, process, start_timeout)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_until_healthy(base_url: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"CRM sandbox exited with code {process.returncode} at start")
        try:
            if requests.get(f"{base_url}/__sandbox/health", timeout=1).ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"CRM sandbox did not answer on {base_url} within {timeout:.0f} s")


def run(args: argparse.Namespace) -> int:
    from lead_scoring.generator import generate
    from lead_scoring.ingest.warehouse import connect
    from lead_scoring.run_command import run_nightly
    from lead_scoring.summary import summarize

    data_dir = settings.PROJECT_ROOT / "data"
    generated = data_dir / "generated"
    print(f"Generating {args.leads:,} leads over {args.days} days (seed {args.seed}) ...")
    # the nightly run scores the days that are complete: data up to and including yesterday
    yesterday = datetime.now(UTC).date() - timedelta(days=1)
    generate(generated, leads=args.leads, days=args.days, seed=args.seed, end_date=yesterday)
    # score as a nightly run at 02:00 UTC would: the same data scores the same all day long
    os.environ.setdefault("LEAD_SCORING_SCORE_AS_OF", f"{yesterday + timedelta(days=1)}T02:00:00")
    os.environ.setdefault("LEAD_SCORING_WEB_EVENTS_DIR", str(generated / "web"))
    os.environ.setdefault("LEAD_SCORING_EMAIL_EVENTS_DIR", str(generated / "email"))
    with sandbox_process(data_dir / "crm_sandbox.sqlite", generated / "crm", args.port) as url:
        os.environ["LEAD_SCORING_CRM_API_DOMAIN"] = url
        os.environ["LEAD_SCORING_CRM_ACCOUNTS_URL"] = url
        print(f"CRM sandbox on {url}; running the nightly job ...")
        result = run_nightly()
    if not result.success:
        print("The run failed; see the Dagster output above.", file=sys.stderr)
        return 1
    with connect(settings.duckdb_path(), read_only=True) as con:
        print(summarize(con, result.run_id))
    print(f"Warehouse: {settings.duckdb_path()}   Dagster UI: make dev")
    print(f"Report: {settings.reports_dir() / 'latest.html'}   (again without a run: make report)")
    return 0
