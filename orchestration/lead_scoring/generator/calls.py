"""Zoho Calls logged on worked leads: about half within 24 hours of the lead turning hot, some
days later, some leads never called (the SLA breaches the pipeline must find)."""

from dataclasses import dataclass

import numpy as np

from lead_scoring.generator import sales_notes
from lead_scoring.generator.leads import ZOHO_ID_BASE, Leads
from lead_scoring.generator.randomness import stream
from lead_scoring.generator.timeline import DAY_MS, HOUR_MS, NEVER, Window, office_hours

WITHIN_DAY_SHARE, LATER_SHARE = 0.5, 0.3  # the rest are never called


@dataclass
class Calls:
    lead: np.ndarray  # lead row
    start_ms: np.ndarray
    duration_s: np.ndarray
    inbound: np.ndarray
    subject: np.ndarray
    logged_ms: np.ndarray  # Created_Time: after the call ends
    call_id: np.ndarray

    def first_per_lead(self, n: int) -> np.ndarray:
        first = np.full(n, NEVER, np.int64)
        np.minimum.at(first, self.lead, self.start_ms)
        return first

    def last_logged_per_lead(self, n: int) -> np.ndarray:
        last = np.zeros(n, np.int64)
        np.maximum.at(last, self.lead, self.logged_ms)
        return last


def make_calls(
    seed: int, leads: Leads, worked: np.ndarray, work_ms: np.ndarray, window: Window
) -> Calls:
    rng = stream(seed, "calls")
    lead = np.flatnonzero(worked)
    u = rng.random(len(lead))
    soon = rng.integers(HOUR_MS // 2, 23 * HOUR_MS, len(lead))
    later = rng.integers(DAY_MS + HOUR_MS, 10 * DAY_MS, len(lead))
    first = work_ms[lead] + np.where(u < WITHIN_DAY_SHARE, soon, later)
    called = u < WITHIN_DAY_SHARE + LATER_SHARE
    lead, first = lead[called], first[called]
    count = 1 + rng.poisson(0.8 + 2.0 * leads.intent[lead])
    row = np.repeat(np.arange(len(lead)), count)
    gaps = rng.exponential(4 * DAY_MS, len(row)).astype(np.int64)
    gaps[np.cumsum(count) - count] = 0
    start = np.repeat(first, count) + _cumsum_per_group(gaps, count)
    start = office_hours(start)
    lead = np.repeat(lead, count)
    keep = start < window.end_ms - HOUR_MS
    return _assemble(rng, lead[keep], start[keep])


def _cumsum_per_group(values: np.ndarray, counts: np.ndarray) -> np.ndarray:
    total = np.cumsum(values)
    return total - np.repeat(total[np.cumsum(counts) - counts], counts)


def _assemble(rng, lead, start) -> Calls:
    order = np.lexsort((start, lead))
    lead, start = lead[order], start[order]
    n = len(lead)
    is_first = np.ones(n, bool)
    is_first[1:] = lead[1:] != lead[:-1]
    connected = rng.random(n) < 0.7
    duration = np.where(connected, rng.integers(120, 2_400, n), rng.integers(0, 40, n))
    first_subjects = np.array(sales_notes.CALL_SUBJECTS[0], dtype=object)
    later_subjects = np.array(sales_notes.CALL_SUBJECTS[1], dtype=object)
    subject = np.where(
        is_first,
        first_subjects[rng.integers(0, len(first_subjects), n)],
        later_subjects[rng.integers(0, len(later_subjects), n)],
    )
    logged = start + duration * 1000 + rng.integers(60_000, 900_000, n)
    order = np.lexsort((lead, start))
    call_id = np.empty(n, np.int64)
    call_id[order] = ZOHO_ID_BASE + 500_000_000 + 3 * np.arange(n, dtype=np.int64) + 2
    inbound = (rng.random(n) < 0.1) & ~is_first
    return Calls(lead, start, duration, inbound, subject, logged, call_id)
