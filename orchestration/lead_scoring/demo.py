"""`lead-scoring demo`: the whole pipeline once on embedded defaults, then a summary.

Generates sample data, starts the CRM sandbox as its own process, runs `lead-scoring run` as a
child process whose environment points at the generated data and the sandbox (this process's
environment stays as it is), and stops the sandbox.
"""

import argparse
import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

from lead_scoring import settings

SANDBOX_START_TIMEOUT_SECONDS = 30
DEFAULT_PORT = 8765


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # enough leads that every stage and SLA status occurs in one night's data
    parser.add_argument("--leads", type=int, default=5000, help="generated CRM leads")
    parser.add_argument("--days", type=int, default=90, help="days of web and e-mail events")
    parser.add_argument("--seed", type=int, default=42, help="random seed of the generator")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="CRM sandbox port")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=settings.PROJECT_ROOT / "data",
        help="where the generated sample data goes (in generated/)",
    )
    parser.add_argument(
        "--verbose", action="store_true", help="show Dagster's own log besides the progress"
    )


class PortInUse(RuntimeError):
    pass


def check_port_free(port: int, host: str = "127.0.0.1") -> None:
    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError as err:
            raise PortInUse(
                f"port {port} on {host} is in use ({err.strerror}): stop what listens there "
                f"or pick another with --port (0 = any free port)"
            ) from None


@contextmanager
def sandbox_process(
    db_path: Path,
    import_dir: Path,
    port: int,
    extra_args: tuple[str, ...] = (),
    start_timeout: float = SANDBOX_START_TIMEOUT_SECONDS,
):
    """The sandbox in a child process, stopped (SIGTERM) when the block ends."""
    if port:
        check_port_free(port)
    else:
        with socket.socket() as probe:  # a free port now; the sandbox binds it next
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
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
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
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


def run_environment(generated: Path, sandbox_url: str, score_as_of: str) -> dict:
    """The run's environment: the user's settings win, except the CRM, which is the sandbox."""
    env = dict(os.environ)
    env.setdefault("LEAD_SCORING_SCORE_AS_OF", score_as_of)
    env.setdefault("LEAD_SCORING_WEB_EVENTS_DIR", str(generated / "web"))
    env.setdefault("LEAD_SCORING_EMAIL_EVENTS_DIR", str(generated / "email"))
    env["LEAD_SCORING_CRM_API_DOMAIN"] = sandbox_url
    env["LEAD_SCORING_CRM_ACCOUNTS_URL"] = sandbox_url
    return env


def run(args: argparse.Namespace) -> int:
    from lead_scoring.generator import generate

    generated = args.data_dir / "generated"
    try:
        if args.port:
            check_port_free(args.port)  # before minutes of generating
    except PortInUse as err:
        print(f"lead-scoring demo: {err}", file=sys.stderr)
        return 1
    print(f"Generating {args.leads:,} leads over {args.days} days (seed {args.seed}) ...")
    # the nightly run scores the days that are complete: data up to and including yesterday
    yesterday = datetime.now(UTC).date() - timedelta(days=1)
    summary = generate(
        generated,
        leads=args.leads,
        days=args.days,
        seed=args.seed,
        end_date=yesterday,
        progress=False,
    )
    print(f"  generated: {', '.join(f'{k} {v:,}' for k, v in summary.as_dict().items())}")
    # score as the nightly run of today would: as of the start of today in the schedule's zone
    as_of = f"{yesterday + timedelta(days=1)}"
    try:
        sandbox = sandbox_process(settings.current().crm_sandbox_db, generated / "crm", args.port)
        with sandbox as url:
            print(f"CRM sandbox on {url}")
            command = [sys.executable, "-m", "lead_scoring.cli", "run"]
            command += ["--verbose"] if args.verbose else []
            code = subprocess.call(command, env=run_environment(generated, url, as_of))
    except (PortInUse, RuntimeError) as err:
        print(f"lead-scoring demo: {err}", file=sys.stderr)
        return 1
    print(f"Warehouse: {settings.duckdb_path()}   Dagster UI: make dev")
    if code == 0:
        report = settings.reports_dir() / "latest.html"
        print(f"Report: {report}   (again without a run: make report)")
    return code
