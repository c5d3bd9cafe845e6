"""One sync run in its own process, for the SIGKILL test.

python -m tests.reverse_etl.sync_child WAREHOUSE SANDBOX_URL RUN_ID
"""

import json
import sys

import duckdb

from lead_scoring.crm import ZohoCrmClient, ZohoSettings
from lead_scoring.reverse_etl.sync import run_sync
from tests.reverse_etl.helpers import TIMEZONE

# one batch in flight: when the sandbox kills the child at request n + 1, the first n are
# answered and recorded, whatever the machine's load
FAST = {"timeout_seconds": 2.0, "max_retries": 2, "backoff_base_seconds": 0.01, "max_workers": 1}


def main(argv: list[str]) -> int:
    warehouse, url, run_id = argv
    settings = ZohoSettings.for_sandbox(url, **FAST)
    with duckdb.connect(warehouse) as con, ZohoCrmClient(settings) as client:
        summary = run_sync(con, client, run_id, timezone=TIMEZONE)
    print(json.dumps({key: value for key, value in summary.items() if key != "rejections"}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
