"""Bench stages that run our code in-process, each in its own child process (see measure.py)
so its peak memory is its own.

`python benchmarks/stages.py STAGE WORKDIR [ARGS]` prints one JSON line of figures for the stage.
WORKDIR holds `warehouse.duckdb` and `landing/` (crm, web, email), as run.py lays them out.
"""

import json
import os
import sys
import time
from itertools import islice
from pathlib import Path

from landing_speed import read_json_seconds

from lead_scoring.ingest.landing_files import EMAIL_EVENTS, WEB_EVENTS, load_landing_files
from lead_scoring.ingest.warehouse import connect, ensure_raw_schema

# landing folder, source, how DuckDB's read_json reads its files
EVENT_SOURCES = (("web", WEB_EVENTS, "newline_delimited"), ("email", EMAIL_EVENTS, "array"))


def ingest_events(work: Path) -> dict:
    """Every new landing file of both event sources, as the pipeline's ingest lands them."""
    started = time.perf_counter()
    rows = 0
    with connect(work / "warehouse.duckdb") as con:
        ensure_raw_schema(con)
        for folder, source, _ in EVENT_SOURCES:
            load_id = f"bench-{folder}-{started}"
            rows += load_landing_files(
                con, source, work / "landing" / folder, load_id
            ).rows_inserted
    return {"seconds": time.perf_counter() - started, "rows": rows}


def read_json_day(work: Path, *day_files: str) -> dict:
    """DuckDB's own read_json of the same day's files, with the raw tables' types."""
    seconds = 0.0
    for folder, source, json_format in EVENT_SOURCES:
        files = [path for path in day_files if Path(path).parent.name == folder]
        columns = {field.key: field.columns[0].sql_type for field in source.contract.fields}
        seconds += read_json_seconds(files, columns, format=json_format)
    return {"seconds": seconds, "files": len(day_files)}


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
        pages = _lead_pages(work / "landing/crm/leads.jsonl")
        result = load_crm_pages(con, "crm_leads", pages, load_id="bench")
    return {"seconds": time.perf_counter() - started, "rows": result.rows_inserted}


def bare_aggregation(work: Path) -> dict:
    """The floor: what DuckDB needs to aggregate the same events per person, no scoring."""
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


def sync(work: Path, *passes: str) -> dict:
    """One reverse-ETL run (scores, hand-off tags and tasks) per name in `passes`, each sending
    what the sandbox at BENCH_CRM_URL does not have yet."""
    from lead_scoring.crm import ZohoCrmClient, ZohoSettings
    from lead_scoring.reverse_etl.sync import run_sync
    from lead_scoring.settings import schedule_timezone

    limit = float(os.environ["BENCH_CRM_RATE_LIMIT"])
    settings = ZohoSettings.for_sandbox(
        os.environ["BENCH_CRM_URL"], requests_per_second=0.95 * limit
    )
    figures = {"rate_limit": limit, "max_workers": settings.max_workers}
    with connect(work / "warehouse.duckdb") as con:
        for name in passes:
            started = time.perf_counter()
            with ZohoCrmClient(settings) as client:  # a new client: its own call counts
                summary = run_sync(con, client, f"bench-{name}", timezone=schedule_timezone())
            figures[name] = {
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
    return figures


STAGES = {
    "ingest-events": ingest_events,
    "ingest-crm": ingest_crm,
    "bare-aggregation": bare_aggregation,
    "read-json-day": read_json_day,
    "sync": sync,
}

if __name__ == "__main__":
    stage, workdir, *args = sys.argv[1:]
    print(json.dumps(STAGES[stage](Path(workdir), *args)))
