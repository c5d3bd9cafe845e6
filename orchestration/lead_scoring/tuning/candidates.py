"""Candidate criteria beside the profile's own rules, as rows of the rule seeds: each value of
a short list of categories, numeric bands at the quartiles, and activity counts in bands.
The fit decides which of them earn points; a candidate never appears unless it does."""

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

# int_leads columns that are identities, or the sales process's own findings (recorded after
# a hand-off, so they would leak the outcome), never signals; the mapping's outcome columns
# are added when read
NOT_SIGNALS = {
    "lead_id",
    "external_id",
    "source_system",
    "custom_fields",
    "person_key",
    "email",
    "email_as_entered",
    "email_lead_count",
    "primary_lead_id",
    "first_name",
    "last_name",
    "company",
    "lead_status",
    "owner_name",
    "owner_email",
    "is_budget_approved",
    "is_authority_confirmed",
    "pain_documented",
    # the lesson's MQL / SQL checklist: recorded by the rep who works the lead, so filled on
    # exactly the leads that can have an outcome
    "issue_clarity",
    "product_understanding",
    "competitive_status",
    "past_contact",
    "next_step",
}
NOT_SIGNAL_PREFIXES = ("meddic_", "crm_", "disposition_", "deal_", "approved_", "confirmed_", "_")
TIME_OR_ID = ("_at", "_time", "_id", "_date")
MAX_CATEGORIES = 30  # more distinct values than this is free text, not a category
ACTIVITY_BANDS = ((1, 2), (2, 5), (5, None))  # once, a few times, often
WINDOW_DAYS = 90


def candidate_rules(warehouse: Path, min_leads: int, excluded: set[str]):
    """(attribute rows, behavior rows) of the candidates seen on at least min_leads leads."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        leads = con.execute("select * from intermediate.int_leads").df()
        activities = con.execute(
            "select activity_type, person_key, count(*) as n"
            " from intermediate.int_lead_activities group by all"
        ).df()
    skip = NOT_SIGNALS | {name.lower() for name in excluded}
    attribute = []
    for column in leads.columns:
        name = column.lower()
        if name in skip or name.startswith(NOT_SIGNAL_PREFIXES) or name.endswith(TIME_OR_ID):
            continue
        attribute += _field_candidates(column, leads[column], min_leads)
    return _unique_ids(attribute), _unique_ids(_activity_candidates(activities, min_leads))


def _unique_ids(rows: list[dict]) -> list[dict]:
    """Values that slug alike (two non-ASCII names) get a number, as rule ids must be unique."""
    seen: dict[str, int] = {}
    for row in rows:
        count = seen.get(row["rule_id"], 0)
        seen[row["rule_id"]] = count + 1
        if count:
            row["rule_id"] = f"{row['rule_id']}_{count + 1}"
    return rows


def _field_candidates(column: str, values: pd.Series, min_leads: int) -> list[dict]:
    if pd.api.types.is_bool_dtype(values):
        return [
            _attribute_row(f"cand_{column}_{kind}", column, kind, "", "", "")
            | {"label": f"{column}: {kind}"}
            for kind in ("true", "false")
            if (values == (kind == "true")).sum() >= min_leads
        ]
    if pd.api.types.is_numeric_dtype(values) and values.notna().sum() >= min_leads:
        return _bands(column, values.dropna().astype(float), min_leads)
    text = values.dropna().astype(str).str.strip()
    counts = text[text != ""].value_counts()
    if len(counts) > MAX_CATEGORIES:
        return []
    return [
        _attribute_row(f"cand_{column}_{_slug(value)}", column, "equals", value, "", "")
        | {"label": f"{column}: {value}"}
        for value, leads in counts.items()
        if leads >= min_leads and "|" not in value
    ]


def _bands(column: str, numbers: pd.Series, min_leads: int) -> list[dict]:
    edges = sorted({_round2(q) for q in np.quantile(numbers, [0.25, 0.5, 0.75])})
    bounds = [None, *edges, None]
    rows = []
    for low, high in zip(bounds[:-1], bounds[1:], strict=True):
        inside = numbers[(numbers >= (low if low is not None else -np.inf))]
        inside = inside[inside < (high if high is not None else np.inf)]
        if len(inside) >= min_leads:
            low_text, high_text = _num(low), _num(high)
            rows.append(
                _attribute_row(
                    f"cand_{column}_{_slug(low_text or 'min')}_{_slug(high_text or 'max')}",
                    column,
                    "band",
                    "",
                    low_text,
                    high_text,
                )
                | {"label": f"{column} {low_text or '...'}-{high_text or '...'}"}
            )
    return rows


def _activity_candidates(activities: pd.DataFrame, min_leads: int) -> list[dict]:
    rows = []
    for activity, counts in activities.groupby("activity_type")["n"]:
        for low, high in ACTIVITY_BANDS:
            people = ((counts >= low) & (counts < (high or np.inf))).sum()
            if people >= min_leads:
                band = f"{low}+" if high is None else f"{low}-{high - 1}"
                rows.append(
                    {
                        "rule_id": f"cand_{_slug(activity)}_{_slug(band)}",
                        "category": f"cand_{_slug(activity)}",
                        "exclusive_group": "",
                        "activity": activity,
                        "where_property": "",
                        "where_values": "",
                        "aggregate": "count",
                        "property": "",
                        "min_value": str(low),
                        "max_value": "" if high is None else str(high),
                        "window_days": str(WINDOW_DAYS),
                        "decay_after_days": "",
                        "decay_factor": "",
                        "points": "1",
                        "label": f"{activity}: {band} in {WINDOW_DAYS} days",
                    }
                )
    return rows


def _attribute_row(rule_id, field, match, values, low, high) -> dict:
    return {
        "rule_id": rule_id,
        "category": f"cand_{_slug(field)}",
        "exclusive_group": "",
        "priority": "",
        "field": field,
        "match": match,
        "match_values": values,
        "min_value": low,
        "max_value": high,
        "points": "1",
        "flag": "",
    }


def _round2(value: float) -> float:
    """Two significant digits: readable bounds (50,000,000 rather than 49,873,112)."""
    return float(f"{value:.2g}") if value else 0.0


def _num(value: float | None) -> str:
    return "" if value is None else (str(int(value)) if value == int(value) else str(value))


def _slug(text: str) -> str:
    slug = "".join(c if c.isascii() and c.isalnum() else "_" for c in str(text).lower())
    return "_".join(part for part in slug.split("_") if part)[:40] or "x"
