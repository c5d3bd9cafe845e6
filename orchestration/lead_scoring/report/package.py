"""The hand-off package the lesson lists, as (item, text) pairs a rep reads.

One definition for the follow-up task in the CRM and the report's hand-off table. The input is
a row of marts.lead_handoff_packages; anything the data does not hold reads "unknown" (不明).
"""

from datetime import date, datetime

import pandas as pd

from lead_scoring.report.labels import labels

ITEMS = (
    "company",
    "job_title",
    "industry",
    "past_behavior",
    "inquiry",
    "issue_need",
    "timeline_budget",
    "nurture",
)
PACKAGE_COLUMNS = (
    "company",
    "job_title",
    "industry",
    "price_list_downloads",
    "catalog_downloads",
    "downloads",
    "contact_forms",
    "quote_requests",
    "last_inquiry_at",
    "issue_and_need",
    "purchase_timeline",
    "confirmed_timeline",
    "estimated_budget_jpy",
    "is_budget_approved",
    "approved_budget_jpy",
    "emails_opened",
    "emails_clicked",
    "webinars_attended",
    "webinars_missed",
    "booth_visits",
)


def _missing(value) -> bool:
    """None, NaN or NaT (a row from a DataFrame) as well as None (a row from DuckDB)."""
    return value is None or (not isinstance(value, str | bool) and bool(pd.isna(value)))


def _text(value, unknown: str) -> str:
    if _missing(value):
        return unknown
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    text = str(value).strip()
    return text or unknown


def _yen(value, unknown: str) -> str:
    if _missing(value):
        return unknown
    return f"¥{float(value):,.0f}"


def _count(row: dict, column: str) -> int:
    value = row.get(column)
    return 0 if _missing(value) else int(value)


def package_items(row: dict, locale: str) -> list[tuple[str, str]]:
    """The eight items of the package for one lead, labelled in `locale`."""
    words = labels(locale)
    unknown = words["unknown"]
    approved = row.get("is_budget_approved")
    if _missing(approved):
        budget_status = unknown
    elif approved:
        amount = _yen(row.get("approved_budget_jpy"), unknown)
        budget_status = words["budget_approved"].format(amount=amount)
    else:
        budget_status = words["budget_not_approved"]
    texts = {
        "company": _text(row.get("company"), unknown),
        "job_title": _text(row.get("job_title"), unknown),
        "industry": _text(row.get("industry"), unknown),
        "past_behavior": words["downloads_text"].format(
            price_list=_count(row, "price_list_downloads"),
            catalog=_count(row, "catalog_downloads"),
            downloads=_count(row, "downloads"),
        ),
        # the web events carry the form's type and time, never its text
        "inquiry": words["inquiry_text"].format(
            contact=_count(row, "contact_forms"),
            quote=_count(row, "quote_requests"),
            last=_text(row.get("last_inquiry_at"), unknown),
            text=unknown,
        ),
        "issue_need": _text(row.get("issue_and_need"), unknown),
        "timeline_budget": words["timeline_text"].format(
            timeline=_text(row.get("purchase_timeline"), unknown),
            confirmed=_text(row.get("confirmed_timeline"), unknown),
            budget=_yen(row.get("estimated_budget_jpy"), unknown),
            approved=budget_status,
        ),
        "nurture": words["nurture_text"].format(
            opened=_count(row, "emails_opened"),
            clicked=_count(row, "emails_clicked"),
            attended=_count(row, "webinars_attended"),
            missed=_count(row, "webinars_missed"),
            booths=_count(row, "booth_visits"),
        ),
    }
    return [(words[item], texts[item]) for item in ITEMS]


def package_lines(row: dict, locale: str) -> list[str]:
    """The package as task-description lines: a heading, then "- item: text"."""
    items = package_items(row, locale)
    return [f"{labels(locale)['package']}:", *(f"- {item}: {text}" for item, text in items)]
