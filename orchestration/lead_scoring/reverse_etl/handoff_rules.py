"""Which leads are handed off to sales, and the follow-up task each hand-off gets.

The one place that decides a hand-off. Until the qualification model lands, it is a lead in
the Hot tier, once per lead. When the payload model carries `is_sales_ready` (and
`handed_off_at`), those columns decide instead, and each hand-off time is its own hand-off
(a lead recycled and qualified again gets a new task), with no change here.
"""

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import duckdb

from lead_scoring.ingest.warehouse import table_columns

PAYLOAD_MODEL = "marts.sync_crm__lead_scores"
LEADS_MODEL = "staging.stg_zoho__leads"  # owner and company (the payload model has neither)
HOT_TIER = "Hot"
PRIORITY_TAG = "Priority"
FOLLOW_UP_DELAY = timedelta(hours=24)
MARKER = "Lead scoring hand-off"
MARKER_PATTERN = re.compile(rf"{MARKER} ([0-9a-f]{{16}})")
MAX_SUBJECT = 255


def _columns(con: duckdb.DuckDBPyConnection, relation: str) -> set[str]:
    return set(table_columns(con, *relation.split(".")))


def candidates_sql(con: duckdb.DuckDBPyConnection) -> str:
    """SQL for every sales-ready lead with its hand-off id, time, company and owner."""
    columns = _columns(con, PAYLOAD_MODEL)
    if "is_sales_ready" in columns:
        ready = "payload.is_sales_ready"
    else:
        ready = f"payload.lead_tier = '{HOT_TIER}'"
    if "handed_off_at" in columns:
        at = "coalesce(payload.handed_off_at, payload.scored_at)"
        key = f"payload.lead_id || '|' || cast({at} as varchar)"
    else:
        at, key = "payload.scored_at", "payload.lead_id"
    lead_columns = _columns(con, LEADS_MODEL)
    has_leads = {"lead_id", "company", "owner_id"} <= lead_columns
    lead_join = f"left join {LEADS_MODEL} as lead using (lead_id)" if has_leads else ""
    lead_fields = (
        "lead.company, lead.owner_id" if has_leads else "null as company, null as owner_id"
    )
    return f"""
        select
            left(md5({key}), 16) as handoff_id,
            payload.lead_id,
            {at} as handed_off_at,
            payload.lead_score,
            payload.lead_tier,
            payload.score_reasons,
            {lead_fields}
        from {PAYLOAD_MODEL} as payload
        {lead_join}
        where coalesce({ready}, false)
    """


def as_utc(moment: datetime) -> datetime:
    """The warehouse keeps UTC in plain timestamps: say so, whatever the session's zone."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def due_date(handed_off_at: datetime, timezone: str) -> str:
    """The CRM date (in the CRM user's time zone) 24 hours after the hand-off."""
    moment = as_utc(handed_off_at) + FOLLOW_UP_DELAY
    return moment.astimezone(ZoneInfo(timezone)).date().isoformat()


def follow_up_task(candidate: dict, timezone: str) -> dict:
    """The Tasks record for one hand-off; its Description ends with the hand-off marker."""
    who = candidate.get("company") or f"lead {candidate['lead_id']}"
    subject = f"Follow up: {who} is sales-ready (score {candidate['lead_score']})"
    if len(subject) > MAX_SUBJECT:
        subject = f"Follow up: {who[:180]}... is sales-ready (score {candidate['lead_score']})"
    reasons = [r for r in (candidate.get("score_reasons") or "").split("; ") if r]
    lines = [f"Score {candidate['lead_score']} ({candidate['lead_tier']}) at hand-off."]
    lines += ["Reasons:", *(f"- {reason}" for reason in reasons)] if reasons else []
    lines += ["", f"{MARKER} {candidate['handoff_id']}"]
    task = {
        "Subject": subject,
        "Due_Date": due_date(candidate["handed_off_at"], timezone),
        "What_Id": {"id": candidate["lead_id"]},
        "$se_module": "Leads",
        "Status": "Not Started",
        "Priority": "High",
        "Description": "\n".join(lines),
    }
    if candidate.get("owner_id"):
        task["Owner"] = {"id": candidate["owner_id"]}
    return task


def handoff_id_of(task: dict) -> str | None:
    """The hand-off a task was created for, from the marker in its Description."""
    found = MARKER_PATTERN.search(task.get("Description") or "")
    return found.group(1) if found else None
