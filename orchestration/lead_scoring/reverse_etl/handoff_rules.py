"""Which leads are handed off to sales, and the follow-up task each hand-off gets.

The payload model decides: `is_sales_ready` (the lead waits for sales) and `handed_off_at`
(each hand-off time is its own hand-off, so a lead recycled and qualified again gets a new
task). The task is due at `follow_up_due_at`, the hand-off's SLA, which dbt computes from var
`sla_first_contact_hours`: the SLA and the task read one definition. The task carries the
hand-off package (`marts.lead_handoff_packages`) in LEAD_SCORING_LOCALE.
"""

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import duckdb

from lead_scoring import settings
from lead_scoring.ingest.warehouse import table_columns
from lead_scoring.report.labels import labels
from lead_scoring.report.package import PACKAGE_COLUMNS, package_lines

PAYLOAD_MODEL = "marts.sync_crm__lead_scores"
LEADS_MODEL = "staging.stg_zoho__leads"  # owner and company (the payload model has neither)
PACKAGE_MODEL = "marts.lead_handoff_packages"  # what the follow-up task tells the rep
PRIORITY_TAGS = {"en": "Priority", "ja": "優先対応"}  # the lesson's tag, by LEAD_SCORING_LOCALE
MARKER = "Lead scoring hand-off"
MARKER_PATTERN = re.compile(rf"{MARKER} ([0-9a-f]{{16}})")
MAX_SUBJECT = 255


def priority_tag(locale: str | None = None) -> str:
    return PRIORITY_TAGS[locale or settings.locale()]


def _package_sql(con: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    """(select list, join) of the hand-off package columns, when the package model is built."""
    present = set(table_columns(con, *PACKAGE_MODEL.split(".")))
    columns = [column for column in PACKAGE_COLUMNS if column != "company"]
    if not {"lead_id", *columns} <= present:
        return "", ""
    fields = "".join(f", package.{column}" for column in columns)
    return fields, f"left join {PACKAGE_MODEL} as package using (lead_id)"


def candidates_sql(con: duckdb.DuckDBPyConnection) -> str:
    """SQL for every sales-ready lead with its hand-off id, time, due time, company, owner
    and hand-off package."""
    package_fields, package_join = _package_sql(con)
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
            lead.owner_id{package_fields}
        from {PAYLOAD_MODEL} as payload
        left join {LEADS_MODEL} as lead using (lead_id)
        {package_join}
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


def follow_up_task(candidate: dict, timezone: str, locale: str | None = None) -> dict:
    """The Tasks record for one hand-off, in `locale` (default LEAD_SCORING_LOCALE): score,
    reasons and the hand-off package; its Description ends with the hand-off marker."""
    locale = locale or settings.locale()
    words = labels(locale)
    who = candidate.get("company") or f"lead {candidate['lead_id']}"
    subject = words["task_subject"].format(who=who, score=candidate["lead_score"])
    if len(subject) > MAX_SUBJECT:
        who = f"{who[:180]}..."
        subject = words["task_subject"].format(who=who, score=candidate["lead_score"])
    reasons = [r for r in (candidate.get("score_reasons") or "").split("; ") if r]
    header = words["task_header"].format(score=candidate["lead_score"], tier=candidate["lead_tier"])
    lines = [header]
    lines += [words["task_reasons"], *(f"- {reason}" for reason in reasons)] if reasons else []
    if "issue_and_need" in candidate:  # the package model was there to join
        lines += ["", *package_lines(candidate, locale)]
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
