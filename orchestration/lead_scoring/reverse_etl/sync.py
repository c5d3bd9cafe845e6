"""One reverse-ETL run: changed scores, then hand-off tags and tasks, then the notification.

`run_sync` sends; `preview` (dry run) computes the same sets and sends nothing. Both return
plain dicts fit for run metadata: counts and small samples, never a credential.
"""

import time
from collections.abc import Callable
from dataclasses import asdict

import duckdb

from lead_scoring.crm import ZohoCrmClient
from lead_scoring.crm.credits import write_credits
from lead_scoring.reverse_etl import handoff_store as store
from lead_scoring.reverse_etl.handoff_rules import follow_up_task
from lead_scoring.reverse_etl.handoff_tasks import send_tasks
from lead_scoring.reverse_etl.handoffs import (
    HandoffSummary,
    new_candidates,
    record_new,
    send_tags,
)
from lead_scoring.reverse_etl.notify import NotificationError, SlackWebhook, handoff_message
from lead_scoring.reverse_etl.score_sync import (
    SyncSummary,
    changed_payloads,
    send_payloads,
    to_crm_record,
)

SAMPLE = 20


def run_sync(
    con: duckdb.DuckDBPyConnection,
    client: ZohoCrmClient,
    run_id: str,
    *,
    timezone: str,
    webhook: SlackWebhook | None = None,
    sleep: Callable[[float], None] = time.sleep,
    on_batch: Callable[[int, int], None] | None = None,
) -> dict:
    """Send everything the CRM does not have yet; the run's summary. `on_batch(done, total)`
    hears of each batch of score updates answered.

    Stops before anything is sent or recorded when the score updates alone would pass the
    credit allowance (CrmCreditBudgetExceeded); a budget reached later stops between batches,
    each one ledgered."""
    rows, unchanged = changed_payloads(con)
    client.credits.ensure(f"updating {len(rows)} lead scores", write_credits(len(rows)))
    handoffs = HandoffSummary(new=record_new(con, run_id, timezone))
    scores = send_payloads(con, client, rows, run_id, on_batch=on_batch)
    scores.unchanged = unchanged
    send_tags(con, client, run_id, handoffs)
    send_tasks(con, client, run_id, handoffs, sleep=sleep)
    problem = notify_new(con, webhook, handoffs) if webhook else None
    handoffs.open = store.open_count(con)
    calls = {**client.metrics.snapshot(), "credits": client.credits.used}
    return summary_metadata(scores, handoffs, calls, problem)


def notify_new(con, webhook: SlackWebhook, summary: HandoffSummary) -> str | None:
    """Post one message for the hand-offs completed and not yet announced; the error, if any."""
    rows = store.to_notify(con)
    if not rows:
        return None
    try:
        webhook.post(handoff_message([row["task"] for row in rows]))
    except NotificationError as exc:
        return str(exc)  # announced on a later run
    store.set_notified(con, [row["handoff_id"] for row in rows])
    summary.notified = len(rows)
    return None


def summary_metadata(
    scores: SyncSummary, handoffs: HandoffSummary, calls: dict, notify_error: str | None
) -> dict:
    return {
        "sent": scores.sent,
        "accepted": scores.accepted,
        "rejected": scores.rejected,
        "retried": scores.retried,
        "skipped_unchanged": scores.unchanged,
        "api_calls": calls["api_calls"],
        "api_credits": calls.get("credits", 0),
        "api_calls_per_second": round(calls["calls_per_second"], 2),
        "http_retries": calls["retries"],
        "throttled": calls["throttled"],
        "failed_batches": scores.failed_batches,
        "batch_splits": scores.batch_splits,
        **{f"handoffs_{key}": value for key, value in asdict(handoffs).items()},
        "notify_error": notify_error,
        "rejections": scores.rejections,
    }


def preview(con: duckdb.DuckDBPyConnection, *, timezone: str) -> dict:
    """What a run would send now, without sending or recording anything."""
    rows, unchanged = changed_payloads(con)
    candidates = new_candidates(con)
    return {
        "dry_run": True,
        "would_send": len(rows),
        "would_retry": sum(bool(row["is_retry"]) for row in rows),
        "skipped_unchanged": unchanged,
        "new_handoffs": len(candidates),
        "open_handoffs": store.open_count(con),
        "preview": [to_crm_record(row) for row in rows[:SAMPLE]],
        "handoff_preview": [follow_up_task(c, timezone) for c in candidates[:SAMPLE]],
    }
