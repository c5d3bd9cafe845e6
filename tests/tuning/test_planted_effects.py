"""Planted effects: outcomes drawn from a known logistic model, so the right points are known
by construction (20 points double the odds: a coefficient of ln 2 is 20 points)."""

import numpy as np
import pandas as pd
import pytest

from lead_scoring.tuning.points import fit_points


@pytest.fixture(scope="module")
def fitted():
    hits, converted, current = planted()
    return fit_points(hits, converted, current, step=5, min_leads=30)


def planted(leads: int = 12000, seed: int = 1):
    rng = np.random.default_rng(seed)
    doubling = rng.random(leads) < 0.3
    null = rng.random(leads) < 0.3
    twin = rng.random(leads) < 0.3  # fires for exactly the same leads as its copy
    log_odds = -2.0 + np.log(2) * doubling + np.log(2) * twin
    converted = rng.random(leads) < 1 / (1 + np.exp(-log_odds))
    hits = pd.DataFrame(
        {"doubling": doubling, "null": null, "twin_a": twin, "twin_b": twin, "rare": False}
    ).astype(np.int8)
    hits.loc[:9, "rare"] = 1  # 10 leads: too little evidence
    current = pd.Series(0, index=hits.columns)  # candidates: no live points to pull towards
    return hits, pd.Series(converted.astype(int)), current


def test_a_rule_that_doubles_the_odds_gets_about_twenty_points(fitted):
    assert 15 <= fitted.points["doubling"] <= 25


def test_a_rule_that_does_nothing_gets_about_nothing(fitted):
    assert fitted.points["null"] == 0


def test_two_identical_rules_share_one_effect_instead_of_counting_it_twice(fitted):
    together = fitted.raw_points["twin_a"] + fitted.raw_points["twin_b"]
    assert 15 <= together <= 25
    assert abs(fitted.raw_points["twin_a"] - fitted.raw_points["twin_b"]) < 1


def test_a_rule_seen_on_too_few_leads_is_dropped_and_said_so(fitted):
    assert fitted.points["rare"] == 0
    assert fitted.left_out["rare"].startswith("too little evidence: 10 leads with it")
    assert fitted.left_out["rare"].endswith("dropped")
