"""`lead-scoring accept-volume <table>`: accept a volume change once, on the record.

A table whose row count moved beyond LEAD_SCORING_ROW_COUNT_MAX_CHANGE fails its check on
every run until the count comes back. When the change is real (an import, a new market), the
operator runs this once: the failed check's row count becomes the baseline, written to
`audit.check_history` with who accepted it and why. The band itself stays as it was.
"""

import argparse
import getpass
import sys

from lead_scoring import settings
from lead_scoring.ingest.warehouse import connect
from lead_scoring.quality.check_history import accept_volume
from lead_scoring.run_lock import running

EXIT_BUSY, EXIT_NOTHING = 75, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("table", help="the checked table, e.g. marts.lead_scores or raw.web_events")
    parser.add_argument("--reason", default="no reason given", help="kept in the audit table")


def run(args: argparse.Namespace) -> int:
    warehouse = settings.duckdb_path()
    busy = running(warehouse)
    if busy:
        print(f"lead-scoring accept-volume: {busy}", file=sys.stderr)
        return EXIT_BUSY
    who = getpass.getuser()
    with connect(warehouse) as con:
        try:
            rows = accept_volume(con, args.table, who, args.reason)
        except ValueError as err:
            print(f"lead-scoring accept-volume: {err}", file=sys.stderr)
            return EXIT_NOTHING
    print(f"{args.table}: {rows} rows accepted as the new baseline by {who} ({args.reason})")
    return 0
