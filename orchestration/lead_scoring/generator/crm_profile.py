"""Which profile fields a lead's CRM record actually holds.

A person has a company size, industry, growth rate, budget and timeline, but the CRM knows them
only if a form asked, an enrichment vendor matched, or a rep asked: a newsletter sign-up gives
little more than a name. Budget and timeline are answered more often by people who intend to
buy (they fill in quote forms and talk to sales), so knowing them is itself a weak signal.
"""

import numpy as np

from lead_scoring.generator.randomness import stream

# share of records holding the field, whatever the person's intent
FIELD_COVERAGE = {
    "title": 0.85,
    "industry": 0.70,
    "state": 0.70,
    "employees": 0.60,
    "growth": 0.30,  # enrichment only
}
ANSWERED_BASE, ANSWERED_PER_INTENT = 0.10, 0.55  # budget and purchase timeline questions


def known_fields(seed: int, intent: np.ndarray) -> dict[str, np.ndarray]:
    """Field -> boolean mask of the records that hold it."""
    rng = stream(seed, "crm_profile")
    n = len(intent)
    known = {field: rng.random(n) < share for field, share in FIELD_COVERAGE.items()}
    answered = ANSWERED_BASE + ANSWERED_PER_INTENT * intent
    known["budget"] = rng.random(n) < answered
    known["timeline"] = rng.random(n) < answered
    return known


def masked(values: np.ndarray, known: np.ndarray) -> np.ndarray:
    """Values as Python objects with None where the CRM does not know the field."""
    out = values.astype(object)
    out[~known] = None
    return out
