"""Hand-offs: record new ones, then tag each lead `Priority` (優先対応 with the ja locale;
tasks: `handoff_tasks`)."""

from dataclasses import dataclass

import duckdb

from lead_scoring.crm import BatchResult, ZohoCrmClient
from lead_scoring.ingest.warehouse import transaction
from lead_scoring.reverse_etl import handoff_store as store
from lead_scoring.reverse_etl import ledger
from lead_scoring.reverse_etl.batches import pieces, send_batches
from lead_scoring.reverse_etl.handoff_rules import (
    as_utc,
    candidates_sql,
    follow_up_task,
    priority_tag,
)


@dataclass
class HandoffSummary:
    new: int = 0  # hand-offs recorded this run
    tags_added: int = 0
    tasks_created: int = 0
    tasks_recovered: int = 0  # found in the CRM after an interrupted or failed create
    rejected: int = 0  # tag or task answers other than success (sent again next run)
    open: int = 0  # hand-offs with a tag or task still to do after this run
    notified: int = 0


def new_candidates(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Sales-ready leads whose hand-off is not recorded and is later than any recorded one
    (so a model that restates an earlier hand-off time does not hand the lead off again)."""
    store.ensure(con)
    cursor = con.execute(
        f"select * from ({candidates_sql(con)}) "
        f"where handoff_id not in ({store.known_ids_sql()}) order by lead_id"
    )
    names = [column[0] for column in cursor.description]
    candidates = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    latest = store.latest_handoffs(con, [c["lead_id"] for c in candidates])
    for candidate in candidates:
        candidate["handed_off_at"] = as_utc(candidate["handed_off_at"])
    return [
        c
        for c in candidates
        if c["lead_id"] not in latest or c["handed_off_at"] > latest[c["lead_id"]]
    ]


def record_new(con: duckdb.DuckDBPyConnection, run_id: str, timezone: str) -> int:
    """Write the intent of every new hand-off before anything is sent; returns how many."""
    candidates = new_candidates(con)
    store.add(con, run_id, [(c, follow_up_task(c, timezone)) for c in candidates])
    return len(candidates)


def tag_record(row: dict) -> dict:
    return {"id": row["lead_id"], "tags": [priority_tag()]}


def send_tags(con, client: ZohoCrmClient, run_id: str, summary: HandoffSummary) -> None:
    """Add the Priority tag to every lead whose hand-off is not tagged yet."""
    rows = store.pending_tags(con)

    def record(answered: list[list[BatchResult]]) -> None:
        done, entries = [], []
        for batch in pieces(answered):
            for row, entry in zip(batch.records, _tag_entries(run_id, batch), strict=True):
                entries.append(entry)
                if entry.accepted:
                    done.append(row["handoff_id"])
        with transaction(con):
            ledger.append(con, entries)
            store.set_tag_done(con, done)
        summary.tags_added += len(done)
        summary.rejected += len(entries) - len(done)

    send_batches(
        lambda batch: client.add_tags("Leads", [r["lead_id"] for r in batch], [priority_tag()]),
        rows,
        client.settings.max_workers,
        record,
    )


def _tag_entries(run_id: str, batch: BatchResult) -> list[ledger.LedgerRow]:
    rows = batch.records
    return ledger.batch_rows(
        run_id,
        batch,
        "add_tags",
        [row["lead_id"] for row in rows],
        [ledger.content_hash(tag_record(row)) for row in rows],
    )
