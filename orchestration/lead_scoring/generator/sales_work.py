"""Which leads a rep picks up, and when: mostly right after a strong buying signal (an
inquiry, a quote request, a price-list download), plus some cold outreach."""

import numpy as np

from lead_scoring.generator.leads import Leads
from lead_scoring.generator.randomness import stream
from lead_scoring.generator.timeline import DAY_MS, NEVER, Window

FOLLOW_UP_SHARE = 0.85  # hot leads a rep actually works
COLD_OUTREACH_SHARE = 0.03


def pick_worked(seed: int, leads: Leads, hot_ms: np.ndarray, window: Window):
    """(worked, work_ms) per lead row; duplicates are never worked as leads of their own."""
    rng = stream(seed, "sales-work")
    p, n = leads.persons, len(leads)
    known_since = np.maximum(leads.created_ms[:p], window.start_ms)
    outreach = known_since + rng.exponential(10 * DAY_MS, p).astype(np.int64)
    cold = (rng.random(p) < COLD_OUTREACH_SHARE) & (outreach < window.end_ms)
    hot = (hot_ms < window.end_ms) & (rng.random(p) < FOLLOW_UP_SHARE)
    work_ms = np.full(n, NEVER, np.int64)
    work_ms[:p] = np.where(hot, hot_ms, np.where(cold, outreach, NEVER))
    return work_ms < NEVER, work_ms
