"""The sync ledger: one row per record per attempt, with the CRM's answer.

The last accepted payload hash per lead is what the CRM holds, so the next sync sends only rows
whose hash differs from it.
"""

import hashlib
import json
from datetime import UTC, datetime
from typing import NamedTuple

import duckdb

from lead_scoring.crm import BatchResult, CrmError, RecordResult

LEDGER_TABLE = "reverse_etl.crm_sync_ledger"
ACCEPTED_CODE = "SUCCESS"
LEDGER_TYPES = ("varchar",) * 4 + ("integer", "varchar", "varchar", "timestamptz")


class LedgerRow(NamedTuple):  # a tuple: inserted as it is, thousands a second
    run_id: str
    lead_id: str
    payload_hash: str  # what was sent for this record (upsert: the payload model's hash)
    operation: str  # upsert | add_tags | create_task
    http_status: int | None
    crm_code: str | None
    crm_message: str | None
    attempted_at: datetime

    @property
    def accepted(self) -> bool:
        return self.crm_code == ACCEPTED_CODE


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
    insert_columns(con, LEDGER_TABLE, LEDGER_TYPES, rows)


def insert_columns(con, table: str, types: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert rows as one statement of column arrays: DuckDB's executemany is row by row."""
    if not rows:
        return
    columns = [list(column) for column in zip(*rows, strict=True)]
    select = ", ".join(f"unnest(?::{kind}[])" for kind in types)
    con.execute(f"insert into {table} select {select}", columns)


def answered(
    run_id: str, lead_id: str, payload_hash: str, operation: str, result: RecordResult
) -> LedgerRow:
    """The CRM's per-record answer; a refusal names the field and what Zoho expected."""
    return LedgerRow(
        run_id,
        lead_id,
        payload_hash,
        operation,
        result.http_status,
        result.code,
        reason(result),
        datetime.now(UTC),
    )


def reason(result: RecordResult) -> str:
    """Zoho's message, plus its details for a refusal, e.g. `invalid data (api_name=Lead_Tier,
    expected_data_type=picklist)`; json_path only repeats the position in the batch."""
    if result.ok or not result.details:
        return result.message
    details = ", ".join(
        f"{key}={value}"
        for key, value in result.details.items()
        if key != "json_path" and isinstance(value, str | int | float) and value != ""
    )
    return f"{result.message} ({details})" if details else result.message


def failed(
    run_id: str, lead_id: str, payload_hash: str, operation: str, error: CrmError
) -> LedgerRow:
    """A call that failed as a whole (after retries): its last status and code."""
    return LedgerRow(
        run_id,
        lead_id,
        payload_hash,
        operation,
        error.status,
        error.code or "REQUEST_FAILED",
        str(error),
        datetime.now(UTC),
    )


def batch_rows(
    run_id: str, batch: BatchResult, operation: str, lead_ids: list[str], hashes: list[str]
) -> list[LedgerRow]:
    """One row per record of a batch: the CRM's answer to it, or the whole call's failure."""
    if batch.error is not None:
        return [
            failed(run_id, lead_id, payload_hash, operation, batch.error)
            for lead_id, payload_hash in zip(lead_ids, hashes, strict=True)
        ]
    return [
        answered(run_id, lead_id, payload_hash, operation, result)
        for lead_id, payload_hash, result in zip(lead_ids, hashes, batch.results, strict=True)
    ]


def content_hash(value) -> str:
    """md5 of a JSON value with sorted keys: the payload_hash of a tag or task sent."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.md5(text.encode()).hexdigest()


def accepted_hashes_sql(operation: str = "upsert") -> str:
    """SQL for (lead_id, payload_hash) of the last accepted payload per lead."""
    return f"""
        select lead_id, arg_max(payload_hash, attempted_at) as payload_hash
        from {LEDGER_TABLE}
        where operation = '{operation}' and crm_code = '{ACCEPTED_CODE}'
        group by lead_id
    """


def last_refused_sql(operation: str = "upsert") -> str:
    """SQL for the lead_ids whose last attempt was refused or failed: a re-send is a retry."""
    return f"""
        select lead_id
        from {LEDGER_TABLE}
        where operation = '{operation}'
        group by lead_id
        having arg_max(crm_code, attempted_at) is distinct from '{ACCEPTED_CODE}'
    """
