"""`lead-scoring crm-sandbox`: serve the local Zoho CRM v8 sandbox until SIGTERM or Ctrl-C.

Credentials default to the documented sandbox constants, overridden by the environment
(LEAD_SCORING_CRM_CLIENT_ID / _CLIENT_SECRET / _REFRESH_TOKEN) or by flags.
"""

import argparse
import signal
import sqlite3
import sys
import threading
from pathlib import Path

from lead_scoring.config.load import current
from lead_scoring.crm.sandbox.config import SandboxConfig, credentials_from_env
from lead_scoring.crm.sandbox.importer import ImportFileError
from lead_scoring.crm.sandbox.server import SandboxServer

# flag -> (config key, type, help)
FAULT_FLAGS = {
    "--token-lifetime": ("token_lifetime", float, "access token lifetime in seconds (3600)"),
    "--rate-limit-per-second": ("rate_limit_per_second", float, "answer 429 past this rate"),
    "--rate-limit-per-minute": ("rate_limit_per_minute", float, "answer 429 past this rate"),
    "--error-rate": ("error_rate", float, "fraction of API requests answered 500/503"),
    "--stall-rate": ("stall_rate", float, "fraction of API requests that stall"),
    "--stall-seconds": ("stall_seconds", float, "how long a stalled request hangs (35)"),
    "--reject-rate": ("reject_rate", float, "fraction of written records refused INVALID_DATA"),
    "--latency": ("latency_seconds", float, "seconds added to every API request"),
    "--seed": ("seed", int, "seed of the fault injection RNG (0)"),
    "--timezone": ("timezone", str, "UTC offset of CRM timestamps (+09:00)"),
    "--api-domain": ("api_domain", str, "api_domain the token endpoint answers"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        help="SQLite file holding the sandbox's data (default: LEAD_SCORING_CRM_SANDBOX_DB, "
        "else data/crm_sandbox.sqlite3, the file `lead-scoring demo` uses too)",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument("--import-dir", help="import leads.jsonl / calls.jsonl from here first")
    parser.add_argument("--client-id", help="accepted client id (env or sandbox default)")
    parser.add_argument("--client-secret", help="accepted client secret (prefer the env)")
    parser.add_argument("--refresh-token", help="accepted refresh token (prefer the env)")
    for flag, (key, kind, help_text) in FAULT_FLAGS.items():
        parser.add_argument(flag, dest=key, type=kind, help=help_text)


def build_config(args: argparse.Namespace) -> SandboxConfig:
    config = SandboxConfig(**credentials_from_env())
    for key in ("client_id", "client_secret", "refresh_token"):
        if getattr(args, key, None):
            setattr(config, key, getattr(args, key))
    for key, _, _ in FAULT_FLAGS.values():
        if getattr(args, key, None) is not None:
            setattr(config, key, getattr(args, key))
    config.check()
    return config


def run(args: argparse.Namespace) -> int:
    try:
        config = build_config(args)
    except ValueError as exc:
        print(f"crm-sandbox: {exc}", file=sys.stderr)
        return 2
    stop = _stop_on_signal()
    db = args.db or current().crm_sandbox_db
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        server = SandboxServer(db, host=args.host, port=args.port, config=config)
    except (OSError, sqlite3.Error) as exc:
        print(f"crm-sandbox: cannot open {db}: {exc}", file=sys.stderr)
        return 1
    try:
        if args.import_dir:
            for module, counts in server.import_dir(args.import_dir).items():
                print(f"imported {module}: {counts['inserted']} new, {counts['skipped']} known")
    except (ImportFileError, OSError) as exc:
        server.stop()
        print(f"crm-sandbox: {exc}", file=sys.stderr)
        return 1
    try:
        server.start()
    except OSError as exc:
        server.stop()
        print(
            f"crm-sandbox: cannot listen on {args.host} port {args.port} ({exc.strerror or exc});"
            " stop what listens there or pick another with --port (0 = any free port)",
            file=sys.stderr,
        )
        return 1
    print(f"CRM sandbox listening on {server.base_url}", flush=True)
    while not stop.wait(0.5):  # a short wait keeps the main thread responsive to signals
        pass
    server.stop()
    return 0


def _stop_on_signal() -> threading.Event:
    """An event set by SIGTERM or SIGINT (installed before serving, so none is missed)."""
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    return stop


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="crm-sandbox", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
