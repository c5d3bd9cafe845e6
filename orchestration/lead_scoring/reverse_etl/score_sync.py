"""Send the score payloads that changed since the CRM last accepted them.

Each batch's answers go into the ledger as soon as they come, so a crash loses at most the
answers in flight or being recorded, and a re-run sends only what the CRM has not yet accepted.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import duckdb

from lead_scoring.crm import BatchResult, ZohoCrmClient
from lead_scoring.reverse_etl import ledger
from lead_scoring.reverse_etl.batches import BATCH_SIZE, pieces, send_batches
from lead_scoring.reverse_etl.handoff_rules import as_utc
from lead_scoring.reverse_etl.ledger import LedgerRow

PAYLOAD_MODEL = "marts.sync_crm__lead_scores"
# payload model column -> Zoho Leads API name
CRM_FIELDS = {
    "lead_score": "Lead_Score",
    "attribute_score": "Attribute_Score",
    "behavior_score": "Behavior_Score",
    "lead_tier": "Lead_Tier",
    "lifecycle_stage": "Lifecycle_Stage",
    "score_reasons": "Score_Reasons",
    "scored_at": "Scored_At",
}


@dataclass
class SyncSummary:
    changed: int = 0  # payloads that differ from what the CRM last accepted
    unchanged: int = 0
    sent: int = 0
    accepted: int = 0
    rejected: int = 0  # refused per record, or in a batch that failed as a whole
    retried: int = 0  # sent again after an earlier run's rejection or failure
    failed_batches: int = 0  # calls that failed as a whole and could not be split further
    batch_splits: int = 0  # times a batch refused as a whole was halved to isolate records
    rejections: list[dict] = field(default_factory=list)  # a sample, for run metadata


def changed_payloads(con: duckdb.DuckDBPyConnection) -> tuple[list[dict], int]:
    """(payload rows whose hash the CRM has not accepted yet, count of unchanged rows).

    Each row carries `is_retry`: the lead's last attempt was refused or failed.
    """
    ledger.ensure_ledger(con)
    cursor = con.execute(
        f"""
        select payload.*, refused.lead_id is not null as is_retry
        from {PAYLOAD_MODEL} as payload
        left join ({ledger.accepted_hashes_sql()}) as accepted using (lead_id)
        left join ({ledger.last_refused_sql()}) as refused using (lead_id)
        where accepted.payload_hash is distinct from payload.payload_hash
        order by payload.lead_id
        """
    )
    names = [column[0] for column in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    total = con.execute(f"select count(*) from {PAYLOAD_MODEL}").fetchone()[0]
    return rows, total - len(rows)


def zoho_timestamp(value: datetime) -> str:
    """Zoho wants ISO 8601 to the second with an offset."""
    return as_utc(value).isoformat(timespec="seconds")


def to_crm_record(row: dict) -> dict:
    """One payload row -> the Leads record to update (by its CRM id)."""
    record = {"id": row["lead_id"]}
    for column, api_name in CRM_FIELDS.items():
        value = row.get(column)
        if isinstance(value, datetime):
            value = zoho_timestamp(value)
        if value is not None:
            record[api_name] = value
    return record


def send_payloads(
    con: duckdb.DuckDBPyConnection,
    client: ZohoCrmClient,
    rows: Sequence[dict],
    run_id: str,
    on_batch: Callable[[int, int], None] | None = None,
) -> SyncSummary:
    """Update `rows` by id in batches of 100, `max_workers` batches at a time, ledgering each;
    `on_batch(done, total)` after each batch is recorded (progress).

    The client sends the configured `trigger` (default: no workflow, approval or blueprint)."""
    summary = SyncSummary(changed=len(rows), retried=sum(bool(r.get("is_retry")) for r in rows))
    hashes = {row["lead_id"]: row["payload_hash"] for row in rows}
    total, done = -(-len(rows) // BATCH_SIZE), 0

    def record(answered: list[list[BatchResult]]) -> None:
        nonlocal done
        entries = [
            entry for batch in pieces(answered) for entry in _ledger_rows(run_id, batch, hashes)
        ]
        ledger.append(con, entries)
        _count(summary, answered, entries)
        done += len(answered)
        if on_batch is not None:
            on_batch(done, total)

    send_batches(
        lambda records: client.update("Leads", records),
        [to_crm_record(row) for row in rows],
        client.settings.max_workers,
        record,
    )
    return summary


def _ledger_rows(run_id: str, batch: BatchResult, hashes: dict[str, str]) -> list[LedgerRow]:
    lead_ids = [record["id"] for record in batch.records]
    return ledger.batch_rows(run_id, batch, "upsert", lead_ids, [hashes[i] for i in lead_ids])


def _count(
    summary: SyncSummary, answered: list[list[BatchResult]], entries: list[LedgerRow]
) -> None:
    summary.sent += len(entries)
    for results in answered:  # results: the pieces of one batch
        summary.failed_batches += sum(batch.error is not None for batch in results)
        summary.batch_splits += len(results) - 1
    for entry in entries:
        if entry.accepted:
            summary.accepted += 1
            continue
        summary.rejected += 1
        if len(summary.rejections) < 20:
            summary.rejections.append(
                {"lead_id": entry.lead_id, "code": entry.crm_code, "message": entry.crm_message}
            )
