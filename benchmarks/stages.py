"""Benchmark stages, each run in its own child process so its peak memory is its own.

`python benchmarks/stages.py STAGE WORKDIR` prints one JSON line of figures for the stage.
"""

import json
import sys
import time
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


def ingest_crm(work: Path) -> dict:
    """Leads straight from the generated Zoho records (the API path is measured by the sync)."""
    from lead_scoring.ingest.crm_records import load_crm_pages

    started = time.perf_counter()
    records = [json.loads(line) for line in (work / "generated/crm/leads.jsonl").open()]
    pages = (
        (f"Leads page {i // 200 + 1}", records[i : i + 200]) for i in range(0, len(records), 200)
    )
    with connect(work / "warehouse.duckdb") as con:
        ensure_raw_schema(con)
        rows = load_crm_pages(con, "crm_leads", pages, load_id="bench")
    return {"seconds": time.perf_counter() - started, "rows": rows}


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
    """Reverse ETL of every changed payload to the sandbox at BENCH_CRM_URL, then once more."""
    import os

    from lead_scoring.crm import ZohoCrmClient, ZohoSettings
    from lead_scoring.reverse_etl.score_sync import changed_payloads, send_payloads

    limit = float(os.environ["BENCH_CRM_RATE_LIMIT"])
    settings = ZohoSettings.for_sandbox(
        os.environ["BENCH_CRM_URL"], requests_per_second=0.95 * limit, max_workers=4
    )
    figures = {}
    with connect(work / "warehouse.duckdb") as con, ZohoCrmClient(settings) as client:
        for attempt in ("first", "second"):
            calls_before = client.stats.api_calls
            started = time.perf_counter()
            rows, _ = changed_payloads(con)
            summary = send_payloads(con, client, rows, run_id=f"bench-{attempt}")
            seconds = time.perf_counter() - started
            calls = client.stats.api_calls - calls_before
            figures[attempt] = {
                "records": summary.sent,
                "accepted": summary.accepted,
                "api_calls": calls,
                "seconds": seconds,
                "calls_per_second": calls / seconds if seconds else 0.0,
            }
    figures["rate_limit"] = limit
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
