"""Which leads are handed off to sales, and the follow-up task each hand-off gets.

The payload model decides: `is_sales_ready` (the lead waits for sales) and `handed_off_at`
(each hand-off time is its own hand-off, so a lead recycled and qualified again gets a new
task). The task is due at `follow_up_due_at`, the hand-off's SLA, which dbt computes from var
`sla_first_contact_hours`: the SLA and the task read one definition.
"""

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

PAYLOAD_MODEL = "marts.sync_crm__lead_scores"
LEADS_MODEL = "staging.stg_zoho__leads"  # owner and company (the payload model has neither)
PRIORITY_TAG = "Priority"
MARKER = "Lead scoring hand-off"
MARKER_PATTERN = re.compile(rf"{MARKER} ([0-9a-f]{{16}})")
MAX_SUBJECT = 255


def candidates_sql() -> str:
    """SQL for every sales-ready lead with its hand-off id, time, due time, company and owner."""
    return f"""
        select
            left(md5(payload.lead_id || '|' || cast(payload.handed_off_at as varchar)), 16)
                as handoff_id,
            payload.lead_id,
            payload.handed_off_at,
            payload.follow_up_due_at,
            payload.lead_score,
            payload.lead_tier,
            payload.score_reasons,
            lead.company,
            lead.owner_id
        from {PAYLOAD_MODEL} as payload
        left join {LEADS_MODEL} as lead using (lead_id)
        where payload.is_sales_ready and payload.handed_off_at is not null
    """


def as_utc(moment: datetime) -> datetime:
    """The warehouse keeps UTC in plain timestamps: say so, whatever the session's zone."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def due_date(follow_up_due_at: datetime | None, timezone: str, lead_id: str = "") -> str:
    """The CRM date (in the CRM user's time zone) of the hand-off's SLA due time."""
    if follow_up_due_at is None:
        raise ValueError(
            f"{PAYLOAD_MODEL}: lead {lead_id} is sales-ready without follow_up_due_at "
            "(lead_qualification.sla_due_at): cannot date its follow-up task"
        )
    return as_utc(follow_up_due_at).astimezone(ZoneInfo(timezone)).date().isoformat()


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
        "Due_Date": due_date(candidate["follow_up_due_at"], timezone, candidate["lead_id"]),
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
