"""The sync ledger: one row per record per attempt, with the CRM's answer.

The last accepted payload hash per lead is what the CRM holds, so the next sync sends only rows
whose hash differs from it.
"""

from dataclasses import astuple, dataclass
from datetime import datetime

import duckdb

LEDGER_TABLE = "reverse_etl.crm_sync_ledger"
ACCEPTED_CODE = "SUCCESS"


@dataclass(frozen=True)
class LedgerRow:
    run_id: str
    lead_id: str
    payload_hash: str
    operation: str  # upsert | add_tags | create_task
    http_status: int | None
    crm_code: str | None
    crm_message: str | None
    attempted_at: datetime


def ensure_ledger(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists reverse_etl")
    con.execute(
        f"""
        create table if not exists {LEDGER_TABLE} (
            run_id varchar not null,
            lead_id varchar not null,
            payload_hash varchar not null,
            operation varchar not null,
            http_status integer,
            crm_code varchar,
            crm_message varchar,
            attempted_at timestamptz not null
        )
        """
    )


def append(con: duckdb.DuckDBPyConnection, rows: list[LedgerRow]) -> None:
    if rows:
        con.executemany(
            f"insert into {LEDGER_TABLE} values (?, ?, ?, ?, ?, ?, ?, ?)",
            [astuple(r) for r in rows],
        )


def accepted_hashes_sql(operation: str = "upsert") -> str:
    """SQL for (lead_id, payload_hash) of the last accepted payload per lead."""
    return f"""
        select lead_id, arg_max(payload_hash, attempted_at) as payload_hash
        from {LEDGER_TABLE}
        where operation = '{operation}' and crm_code = '{ACCEPTED_CODE}'
        group by lead_id
    """
