"""What reps record on the leads they worked: BANT, MEDDIC, disposition and deal outcome,
and the resulting Lead_Status. Leads nobody worked keep these fields null."""

from dataclasses import dataclass

import numpy as np

from lead_scoring.generator import bant_meddic, lesson_checklist, sales_notes
from lead_scoring.generator.leads import Leads
from lead_scoring.generator.randomness import stream
from lead_scoring.generator.timeline import DAY_MS, NEVER, Window, office_hours

QUALIFICATION_FIELDS = (
    "Budget_Approved",
    "Approved_Budget_Amount",
    "Authority_Confirmed",
    "Pain_Documented",
    "Confirmed_Timeline",
    *sales_notes.MEDDIC,
    *lesson_checklist.LEVELS,
    "Sales_Disposition",
    "Disposition_Reason",
    "Disposition_Time",
    "Deal_Outcome",
    "Deal_Closed_Time",
)
TIME_FIELDS = ("Disposition_Time", "Deal_Closed_Time")  # int64 ms here, NEVER for null


@dataclass
class Qualification:
    fields: dict[str, np.ndarray]  # API name -> values per lead row (None / NaN / NEVER = null)
    lead_status: np.ndarray
    last_edit_ms: np.ndarray  # latest rep edit per lead row, 0 if none


def qualify(
    seed: int, leads: Leads, worked, work_ms, first_call_ms, window: Window
) -> Qualification:
    rng = stream(seed, "qualification")
    n = len(leads)
    rows = np.flatnonzero(worked)
    start = np.minimum(work_ms[rows], first_call_ms[rows])
    disp_ms = office_hours(start + DAY_MS + rng.exponential(5 * DAY_MS, len(rows)).astype(np.int64))
    decided = disp_ms < window.end_ms
    disposition, reason = _disposition(rng, leads, rows, decided)
    boost = np.where(leads.converted[rows], 0.2, 0.0)
    complex_deal = (leads.employees[rows] >= 300) | (np.nan_to_num(leads.budget[rows]) >= 50e6)
    worked_fields = {
        **bant_meddic.bant_fields(rng, leads.intent[rows], leads.budget[rows], decided, boost),
        **bant_meddic.meddic_fields(rng, leads.intent[rows], complex_deal, boost),
        "Sales_Disposition": disposition,
        "Disposition_Reason": reason,
        "Disposition_Time": np.where(decided, disp_ms, NEVER),
        **_deal(rng, leads, rows, disposition, disp_ms, window),
    }
    worked_fields |= lesson_checklist.checklist_fields(
        stream(seed, "lesson_checklist"),
        leads.intent[rows],
        lesson_checklist.bant_complete(worked_fields),
    )
    fields = {name: _spread(values, rows, n) for name, values in worked_fields.items()}
    _mark_duplicates(rng, leads, fields, window)
    status = _lead_status(leads, fields, worked, first_call_ms)
    picked_up = np.where(worked, np.minimum(work_ms, window.end_ms - 1), 0)
    last_edit = np.maximum.reduce(
        [picked_up, _known(fields["Disposition_Time"]), _known(fields["Deal_Closed_Time"])]
    )
    return Qualification(fields, status, last_edit)


def _known(ms: np.ndarray) -> np.ndarray:
    return np.where(ms == NEVER, 0, ms)


def _disposition(rng, leads: Leads, rows, decided):
    rival = leads.email_kind[rows] == 2
    converted = leads.converted[rows]
    recycle = rng.random(len(rows)) < 0.2 + 0.6 * leads.intent[rows]
    choice = [rival, converted, recycle]
    disposition = np.select(choice, ["Rejected", "Accepted", "Recycled"], "Rejected").astype(object)
    reasons = [
        np.full(len(rows), sales_notes.COMPETITOR_REASON, object),
        _pick(rng, sales_notes.ACCEPT_REASONS, len(rows)),
        _pick(rng, sales_notes.RECYCLE_REASONS, len(rows)),
    ]
    reason = np.select(choice, reasons, _pick(rng, sales_notes.REJECT_REASONS, len(rows)))
    return np.where(decided, disposition, None), np.where(decided, reason, None)


def _pick(rng, pool, n: int) -> np.ndarray:
    return np.array(pool, dtype=object)[rng.integers(0, len(pool), n)]


def _deal(rng, leads: Leads, rows, disposition, disp_ms, window: Window) -> dict:
    """Accepted leads become deals that close weeks later: known only if closed by the end."""
    close_ms = disp_ms + 7 * DAY_MS + rng.exponential(25 * DAY_MS, len(rows)).astype(np.int64)
    close_ms = office_hours(close_ms)
    closed = (disposition == "Accepted") & (close_ms < window.end_ms)
    outcome = np.where(leads.won[rows], "Won", "Lost").astype(object)
    return {
        "Deal_Outcome": np.where(closed, outcome, None),
        "Deal_Closed_Time": np.where(closed, close_ms, NEVER),
    }


def _spread(values: np.ndarray, rows: np.ndarray, n: int) -> np.ndarray:
    """Values for the worked rows, null everywhere else."""
    if values.dtype == np.int64:
        full = np.full(n, NEVER, np.int64)
    elif values.dtype.kind == "f":
        full = np.full(n, np.nan)
    else:
        full = np.full(n, None, object)
    full[rows] = values
    return full


def _mark_duplicates(rng, leads: Leads, fields: dict, window: Window) -> None:
    """Reps spot some duplicate records and reject them."""
    dup = np.arange(leads.persons, len(leads))
    when = leads.created_ms[dup] + rng.integers(3_600_000, 5 * DAY_MS, len(dup))
    keep = (rng.random(len(dup)) < 0.4) & (when < window.end_ms)
    spotted = dup[keep]
    fields["Sales_Disposition"][spotted] = "Rejected"
    fields["Disposition_Reason"][spotted] = sales_notes.DUPLICATE_REASON
    fields["Disposition_Time"][spotted] = when[keep]


def _lead_status(leads: Leads, fields: dict, worked, first_call_ms) -> np.ndarray:
    disposition, reason = fields["Sales_Disposition"], fields["Disposition_Reason"]
    junk = np.isin(reason, [sales_notes.COMPETITOR_REASON, sales_notes.DUPLICATE_REASON])
    conditions = [
        junk,
        fields["Deal_Outcome"] == "Lost",
        disposition == "Accepted",
        disposition == "Recycled",
        disposition == "Rejected",
        worked & (first_call_ms < NEVER),
        worked,
    ]
    statuses = [
        "Junk Lead",
        "Lost Lead",
        "Pre-Qualified",
        "Contact in Future",
        "Not Qualified",
        "Contacted",
        "Attempted to Contact",
    ]
    return np.select(conditions, statuses, "Not Contacted").astype(object)
