"""Send the score payloads that changed since the CRM last accepted them.

Each batch's answers go into the ledger before the next batch is sent, so a crash loses at
most the batches in flight, and a re-run sends only what the CRM has not yet accepted.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import duckdb

from lead_scoring.crm import BatchResult, ZohoCrmClient
from lead_scoring.crm.batching import chunked, run_batches
from lead_scoring.reverse_etl import ledger

PAYLOAD_MODEL = "marts.sync_crm__lead_scores"
BATCH_SIZE = 100
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
    rejected: int = 0
    failed_batches: int = 0
    rejections: list[dict] = field(default_factory=list)  # a sample, for run metadata


def changed_payloads(con: duckdb.DuckDBPyConnection) -> tuple[list[dict], int]:
    """(payload rows whose hash the CRM has not accepted yet, count of unchanged rows)."""
    ledger.ensure_ledger(con)
    frame = con.execute(
        f"""
        select payload.*
        from {PAYLOAD_MODEL} as payload
        left join ({ledger.accepted_hashes_sql()}) as accepted using (lead_id)
        where accepted.payload_hash is distinct from payload.payload_hash
        order by payload.lead_id
        """
    ).df()
    total = con.execute(f"select count(*) from {PAYLOAD_MODEL}").fetchone()[0]
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return rows, total - len(rows)


def zoho_timestamp(value: datetime) -> str:
    """Zoho wants ISO 8601 to the second with an offset."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat(timespec="seconds")


def to_crm_record(row: dict) -> dict:
    """One payload row -> the Leads record to upsert (matched by its CRM id)."""
    record = {"id": row["lead_id"]}
    for column, api_name in CRM_FIELDS.items():
        value = row.get(column)
        if isinstance(value, datetime):
            value = zoho_timestamp(value)
        elif hasattr(value, "item"):  # numpy scalar from the frame
            value = value.item()
        if value is not None:
            record[api_name] = value
    return record


def _ledger_rows(run_id: str, batch: BatchResult, hashes: dict[str, str]) -> list[ledger.LedgerRow]:
    now = datetime.now(UTC)
    if batch.error is not None:
        error = batch.error
        return [
            ledger.LedgerRow(run_id, r["id"], hashes[r["id"]], "upsert", error.status,
                             error.code or "REQUEST_FAILED", str(error), now)
            for r in batch.records
        ]  # fmt: skip
    return [
        ledger.LedgerRow(run_id, r["id"], hashes[r["id"]], "upsert", result.http_status,
                         result.code, result.message, now)
        for r, result in zip(batch.records, batch.results, strict=True)
    ]  # fmt: skip


def send_payloads(
    con: duckdb.DuckDBPyConnection,
    client: ZohoCrmClient,
    rows: Sequence[dict],
    run_id: str,
) -> SyncSummary:
    """Upsert `rows` in batches of 100, `max_workers` batches at a time, ledgering each."""
    summary = SyncSummary(changed=len(rows))
    hashes = {row["lead_id"]: row["payload_hash"] for row in rows}
    batches = chunked([to_crm_record(row) for row in rows], BATCH_SIZE)
    workers = max(1, client.settings.max_workers)
    for start in range(0, len(batches), workers):
        for batch in run_batches(
            lambda records: client.upsert("Leads", records), batches[start : start + workers],
            workers,
        ):  # fmt: skip
            entries = _ledger_rows(run_id, batch, hashes)
            ledger.append(con, entries)
            _count(summary, batch, entries)
    return summary


def _count(summary: SyncSummary, batch: BatchResult, entries: list[ledger.LedgerRow]) -> None:
    summary.sent += len(entries)
    summary.failed_batches += batch.error is not None
    for entry in entries:
        if entry.crm_code == ledger.ACCEPTED_CODE:
            summary.accepted += 1
            continue
        summary.rejected += 1
        if len(summary.rejections) < 20:
            summary.rejections.append(
                {"lead_id": entry.lead_id, "code": entry.crm_code, "message": entry.crm_message}
            )
