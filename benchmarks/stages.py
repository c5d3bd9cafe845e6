"""Benchmark stages, each run in its own child process so its peak memory is its own.

`python benchmarks/stages.py STAGE WORKDIR` prints one JSON line of figures for the stage.
"""

import json
import sys
import time
from itertools import islice
from pathlib import Path

from lead_scoring.ingest.landing_files import EMAIL_EVENTS, WEB_EVENTS, load_landing_files
from lead_scoring.ingest.warehouse import connect, ensure_raw_schema


def ingest_events(work: Path) -> dict:
    started = time.perf_counter()
    with connect(work / "warehouse.duckdb") as con:
        ensure_raw_schema(con)
        web = load_landing_files(
            con, WEB_EVENTS, work / "generated/web", load_id=f"bench-{started}"
        )
        email = load_landing_files(
            con, EMAIL_EVENTS, work / "generated/email", load_id=f"b-{started}"
        )
    return {"seconds": time.perf_counter() - started,
            "rows": web.rows_inserted + email.rows_inserted}  # fmt: skip


def _lead_pages(path: Path, size: int = 200):
    """(label, records) pages of the generated leads, read as the API would hand them over."""
    with path.open() as lines:
        number = 0
        while chunk := list(islice(lines, size)):
            number += 1
            yield f"Leads page {number}", [json.loads(line) for line in chunk]


def ingest_crm(work: Path) -> dict:
    """Leads straight from the generated Zoho records (the API path is measured by the sync)."""
    from lead_scoring.ingest.crm_records import load_crm_pages

    started = time.perf_counter()
    with connect(work / "warehouse.duckdb") as con:
        ensure_raw_schema(con)
        pages = _lead_pages(work / "generated/crm/leads.jsonl")
        result = load_crm_pages(con, "crm_leads", pages, load_id="bench")
    return {"seconds": time.perf_counter() - started, "rows": result.rows_inserted}


def bare_aggregation(work: Path) -> dict:
    """What DuckDB needs to aggregate the same events per person, with no scoring logic."""
    started = time.perf_counter()
    with connect(work / "warehouse.duckdb", read_only=True) as con:
        con.execute("""
            select count(*) from (
                select coalesce(user_id, anonymous_id) as person, count(*), max(timestamp)
                from raw.web_events group by 1
                union all
                select lower(trim(email)), count(*), max(timestamp)
                from raw.email_events group by 1
            )
        """).fetchone()
    return {"seconds": time.perf_counter() - started}


def sync(work: Path) -> dict:
    """The whole reverse ETL (scores, hand-off tags and tasks) to the sandbox at BENCH_CRM_URL,
    then once more with nothing changed."""
    import os

    from lead_scoring.crm import ZohoCrmClient, ZohoSettings
    from lead_scoring.reverse_etl.sync import run_sync
    from lead_scoring.settings import schedule_timezone

    limit = float(os.environ["BENCH_CRM_RATE_LIMIT"])
    settings = ZohoSettings.for_sandbox(os.environ["BENCH_CRM_URL"],
                                        requests_per_second=0.95 * limit)  # fmt: skip
    figures = {}
    with connect(work / "warehouse.duckdb") as con:
        for attempt in ("first", "second"):
            started = time.perf_counter()
            with ZohoCrmClient(settings) as client:  # a new client: its own call counts
                summary = run_sync(con, client, f"bench-{attempt}", timezone=schedule_timezone())
            figures[attempt] = {
                "records": summary["sent"],
                "accepted": summary["accepted"],
                "handoff_tags": summary["handoffs_tags_added"],
                "handoff_tasks": summary["handoffs_tasks_created"],
                "api_calls": summary["api_calls"],
                "http_retries": summary["http_retries"],
                "throttled": summary["throttled"],
                "seconds": time.perf_counter() - started,
                # first to last request, as the CRM's limit counts them
                "calls_per_second": summary["api_calls_per_second"],
            }
    figures["rate_limit"] = limit
    figures["max_workers"] = settings.max_workers
    return figures


STAGES = {
    "ingest-events": ingest_events,
    "ingest-crm": ingest_crm,
    "bare-aggregation": bare_aggregation,
    "sync": sync,
}

if __name__ == "__main__":
    stage, workdir = sys.argv[1], Path(sys.argv[2])
    print(json.dumps(STAGES[stage](workdir)))
