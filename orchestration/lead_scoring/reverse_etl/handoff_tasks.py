"""Follow-up tasks for hand-offs, created at most once per hand-off.

A create is committed as `in_flight` before it is sent. One that never got a clear answer
(crash, timeout, 5xx) may exist in the CRM, so it is looked up there, by the hand-off marker in
the Description of the Tasks modified since it was sent, before it is ever sent again. The
lookup first waits until such a request has surely finished at the CRM (`settle_seconds`): a
killed client does not stop the server working on its last request.
"""

import time
from datetime import UTC, datetime, timedelta

from lead_scoring.crm import BatchResult, ZohoCrmClient
from lead_scoring.ingest.warehouse import transaction
from lead_scoring.reverse_etl import handoff_store as store
from lead_scoring.reverse_etl import ledger
from lead_scoring.reverse_etl.batches import pieces, refused_before_applying, send_batches
from lead_scoring.reverse_etl.handoff_rules import handoff_id_of
from lead_scoring.reverse_etl.handoffs import HandoffSummary

MAX_ROUNDS = 3  # create rounds per run while the CRM answers 5xx
LOOKBACK = timedelta(minutes=5)  # clock skew between this machine and the CRM
UNSETTLED = (None, 504)  # no answer, gateway timeout: the CRM may still be working on it
FOUND_CODE = "FOUND_IN_CRM"


def settle_seconds(client: ZohoCrmClient) -> float:
    return 2 * client.settings.timeout_seconds


def send_tasks(
    con, client: ZohoCrmClient, run_id: str, summary: HandoffSummary, *, sleep=time.sleep
) -> None:
    """Settle earlier unclear creates, then create every pending task."""
    reconcile(con, client, run_id, store.tasks_in(con, "in_flight"), summary, sleep=sleep)
    for _ in range(MAX_ROUNDS):
        rows = store.tasks_in(con, "pending")
        if not rows:
            return
        answered_5xx = _create(con, client, run_id, rows, summary)
        if not answered_5xx:
            return
        reconcile(con, client, run_id, answered_5xx, summary, sleep=None)


def _create(con, client, run_id, rows: list[dict], summary: HandoffSummary) -> list[dict]:
    """Create tasks in batches; returns the rows whose create failed with a 5xx answer."""
    answered_5xx: list[dict] = []

    def before(batch: list[dict]) -> None:
        sent_at = datetime.now(UTC)
        store.set_in_flight(con, [row["handoff_id"] for row in batch], sent_at)
        for row in batch:
            row["task_sent_at"] = sent_at

    def record(answered: list[list[BatchResult]]) -> None:
        created, pending, entries = {}, [], []
        for batch in pieces(answered):
            entries += _entries(run_id, batch)
            ids = [row["handoff_id"] for row in batch.records]
            if batch.error is None:
                for handoff_id, result in zip(ids, batch.results, strict=True):
                    if result.ok:
                        created[handoff_id] = result.id
                    else:
                        pending.append(handoff_id)  # refused: nothing was written
            elif refused_before_applying(batch.error):
                pending += ids  # a 4xx: nothing was written
            elif batch.error.status not in UNSETTLED:
                answered_5xx.extend(batch.records)
        with transaction(con):
            ledger.append(con, entries)
            store.set_task_done(con, created)
            store.set_task_pending(con, pending)
        summary.tasks_created += len(created)
        summary.rejected += len(entries) - len(created)

    send_batches(
        lambda batch: client.create_records("Tasks", [row["task"] for row in batch]),
        rows,
        client.settings.max_workers,
        record,
        before=before,
        splittable=refused_before_applying,
    )
    return answered_5xx


def _entries(run_id: str, batch: BatchResult) -> list[ledger.LedgerRow]:
    rows = batch.records
    return ledger.batch_rows(
        run_id,
        batch,
        "create_task",
        [row["lead_id"] for row in rows],
        [ledger.content_hash(row["task"]) for row in rows],
    )


def reconcile(
    con, client, run_id: str, rows: list[dict], summary: HandoffSummary, *, sleep
) -> None:
    """Mark each in-flight task done if the CRM has it, else pending (safe to create)."""
    if not rows:
        return
    sent = [row["task_sent_at"] or datetime.now(UTC) for row in rows]
    if sleep is not None:
        wait = max(sent) + timedelta(seconds=settle_seconds(client)) - datetime.now(UTC)
        if wait.total_seconds() > 0:
            sleep(wait.total_seconds())
    in_crm = find_tasks(client, min(sent) - LOOKBACK)
    found = {
        row["handoff_id"]: in_crm[row["handoff_id"]] for row in rows if row["handoff_id"] in in_crm
    }
    missing = [row["handoff_id"] for row in rows if row["handoff_id"] not in found]
    entries = [_found_entry(run_id, row) for row in rows if row["handoff_id"] in found]
    with transaction(con):
        ledger.append(con, entries)
        store.set_task_done(con, found)
        store.set_task_pending(con, missing)
    summary.tasks_recovered += len(found)


def find_tasks(client: ZohoCrmClient, since: datetime) -> dict[str, str]:
    """{hand-off id: task id} of the Tasks modified since `since` that carry a marker."""
    found: dict[str, str] = {}
    for task in client.iter_records("Tasks", ["Description"], modified_since=since):
        handoff_id = handoff_id_of(task)
        if handoff_id:
            found.setdefault(handoff_id, task["id"])
    return found


def _found_entry(run_id: str, row: dict) -> ledger.LedgerRow:
    """The ledger's record of a create whose answer was lost: the CRM had applied it."""
    return ledger.LedgerRow(
        run_id,
        row["lead_id"],
        ledger.content_hash(row["task"]),
        "create_task",
        200,
        FOUND_CODE,
        "created by an earlier attempt whose answer was lost; found by its hand-off marker",
        datetime.now(UTC),
    )
