"""A small warehouse built directly (no dbt): the payload model, made from its dbt contract, and
the staging leads it needs, plus ways to run the sync against a sandbox and read back what the
CRM holds."""

from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import duckdb

from lead_scoring.crm import ZohoCrmClient
from lead_scoring.crm.sandbox import SandboxServer
from lead_scoring.reverse_etl.sync import run_sync
from tests.crm.helpers import fast_settings, lead, logged
from tests.reverse_etl.payload_contract import PAYLOAD, create_payload_table, insert_payloads

SCORED_AT = datetime(2026, 11, 20, 3, 0)  # UTC, as dbt writes it
HANDED_OFF_AT = datetime(2026, 11, 19, 9, 0)  # UTC: 18:00 in Tokyo
SLA = timedelta(hours=24)  # the default var sla_first_contact_hours
OWNER_ID = "5725767000000999001"
TIMEZONE = "Asia/Tokyo"
HASHED = (
    "lead_id, lead_score, attribute_score, behavior_score, lead_tier, lifecycle_stage, "
    "score_reasons"
)


def tier(score: int) -> str:
    return "Hot" if score >= 70 else "Warm" if score >= 30 else "Cold"


def payload_row(number: int) -> dict:
    """Lead `number`: every fifth lead sales-ready (and Hot), the rest spread over Warm and
    Cold."""
    ready = number % 5 == 0
    attribute = 40 if ready else (number * 7) % 30
    behavior = 35 if ready else (number * 3) % 25
    score = attribute + behavior
    return {
        "lead_id": lead(number)["id"],
        "lead_score": score,
        "attribute_score": attribute,
        "behavior_score": behavior,
        "lead_tier": tier(score),
        "lifecycle_stage": "sales_ready" if ready else "mql" if score >= 30 else "lead",
        "score_reasons": f"Title: department head +{attribute}; Price list download +{behavior}",
        "scored_at": SCORED_AT,
        "is_sales_ready": ready,
        "handed_off_at": HANDED_OFF_AT if ready else None,
        "follow_up_due_at": HANDED_OFF_AT + SLA if ready else None,
    }


def build_warehouse(path: Path, leads: int) -> Path:
    """A warehouse holding `leads` payload rows and their staging leads (company, owner)."""
    with duckdb.connect(str(path)) as con:
        con.execute("create schema staging")
        create_payload_table(con)
        insert_payloads(con, [payload_row(n) for n in range(leads)])
        rehash(con)
        con.execute(
            "create table staging.stg_zoho__leads as select lead_id, "
            f"'Company ' || lead_id[-4:] as company, ? as owner_id from {PAYLOAD}",
            [OWNER_ID],
        )
    return path


def rehash(con: duckdb.DuckDBPyConnection) -> None:
    """payload_hash as the dbt model computes it: md5 of the '|'-joined payload."""
    parts = " || '|' || ".join(
        f"coalesce(cast({c.strip()} as varchar), '<null>')" for c in HASHED.split(",")
    )
    con.execute(f"update {PAYLOAD} set payload_hash = md5({parts})")


def update_payload(path: Path, sql: str, params: list | None = None) -> None:
    """Change payload rows (a `set ... where ...` clause), then rehash."""
    with duckdb.connect(str(path)) as con:
        con.execute(f"update {PAYLOAD} {sql}", params or [])
        rehash(con)


def sync(path: Path, server: SandboxServer, run_id: str, **options) -> dict:
    """One sync run in this process, with the sandbox's fast test settings."""
    extra = {key: options.pop(key) for key in ("webhook", "sleep") if key in options}
    with duckdb.connect(str(path)) as con, ZohoCrmClient(fast_settings(server, **options)) as c:
        return run_sync(con, c, run_id, timezone=TIMEZONE, **extra)


def query(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def calls(server: SandboxServer, method: str = "", suffix: str = "") -> list[dict]:
    """The API requests the sandbox answered, optionally of one method and path ending."""
    return [
        entry
        for entry in logged(server)
        if entry["method"].startswith(method) and entry["path"].endswith(suffix)
    ]


def upserted_ids(server: SandboxServer, since: int = 0) -> list[str]:
    """Lead ids in the score updates the sandbox read (one refused with a fault is not read)."""
    entries = [e for e in calls(server, "PUT", "/Leads") if e["seq"] > since and e["body"]]
    return [record["id"] for e in entries for record in e["body"]["data"]]


def crm_state(server: SandboxServer) -> tuple[dict, Counter]:
    """(lead id -> score fields and tag names, Counter of task identities) read over the API."""
    with ZohoCrmClient(fast_settings(server)) as client:
        fields = [
            "Lead_Score",
            "Attribute_Score",
            "Behavior_Score",
            "Lead_Tier",
            "Score_Reasons",
            "Scored_At",
            "Tag",
        ]
        leads = {}
        for record in client.iter_records("Leads", fields):
            tags = sorted(tag["name"] for tag in record.pop("Tag") or [])
            leads[record.pop("id")] = {**record, "tags": tags}
        task_fields = ["Subject", "Due_Date", "What_Id", "Owner", "Description", "Status"]
        tasks = Counter(
            (
                t["What_Id"]["id"],
                t["Subject"],
                t["Due_Date"],
                (t["Owner"] or {}).get("id"),
                t["Description"],
                t["Status"],
            )
            for t in client.iter_records("Tasks", task_fields)
        )
    return leads, tasks
