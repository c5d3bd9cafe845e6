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

from lead_scoring import settings
from lead_scoring.ingest.warehouse import table_columns
from lead_scoring.report.labels import labels
from lead_scoring.report.package import PACKAGE_COLUMNS, package_lines

PAYLOAD_MODEL = "marts.sync_crm__lead_scores"
LEADS_MODEL = "staging.stg_zoho__leads"  # owner and company (the payload model has neither)
PACKAGE_MODEL = "marts.lead_handoff_packages"  # what the follow-up task tells the rep
HOT_TIER = "Hot"
PRIORITY_TAGS = {"en": "Priority", "ja": "優先対応"}  # the lesson's tag, by LEAD_SCORING_LOCALE
FOLLOW_UP_DELAY = timedelta(hours=24)
MARKER = "Lead scoring hand-off"
MARKER_PATTERN = re.compile(rf"{MARKER} ([0-9a-f]{{16}})")
MAX_SUBJECT = 255


def _columns(con: duckdb.DuckDBPyConnection, relation: str) -> set[str]:
    return set(table_columns(con, *relation.split(".")))


def priority_tag(locale: str | None = None) -> str:
    return PRIORITY_TAGS[locale or settings.locale()]


def _package_sql(con: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    """(select list, join) of the hand-off package columns, when the package model is built."""
    present = _columns(con, PACKAGE_MODEL)
    columns = [column for column in PACKAGE_COLUMNS if column != "company"]
    if not {"lead_id", *columns} <= present:
        return "", ""
    fields = "".join(f", package.{column}" for column in columns)
    return fields, f"left join {PACKAGE_MODEL} as package using (lead_id)"


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
    package_fields, package_join = _package_sql(con)
    return f"""
        select
            left(md5({key}), 16) as handoff_id,
            payload.lead_id,
            {at} as handed_off_at,
            payload.lead_score,
            payload.lead_tier,
            payload.score_reasons,
            {lead_fields}{package_fields}
        from {PAYLOAD_MODEL} as payload
        {lead_join}
        {package_join}
        where coalesce({ready}, false)
    """


def as_utc(moment: datetime) -> datetime:
    """The warehouse keeps UTC in plain timestamps: say so, whatever the session's zone."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def due_date(handed_off_at: datetime, timezone: str) -> str:
    """The CRM date (in the CRM user's time zone) 24 hours after the hand-off."""
    moment = as_utc(handed_off_at) + FOLLOW_UP_DELAY
    return moment.astimezone(ZoneInfo(timezone)).date().isoformat()


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
