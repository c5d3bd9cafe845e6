"""Tier thresholds from a target share or a target conversion rate."""

import numpy as np
import pytest

from lead_scoring.tuning.thresholds import (
    threshold_for_conversion,
    thresholds_for_shares,
    tier_rows,
)


def test_each_tier_gets_about_its_share_and_none_is_empty():
    # 100 leads: scores 0 (50 leads), 10 (30), 40 (15), 90 (5)
    scores = np.array([0] * 50 + [10] * 30 + [40] * 15 + [90] * 5)
    # Hot 20%: 40+ holds 20 leads (20%); Hot + Warm 70%: 10+ holds 50 (50%), 0+ holds 100
    assert thresholds_for_shares(scores, [0.2, 0.5]) == [40, 10]


def test_coarse_scores_still_leave_every_tier_a_lead():
    # a tiny Hot target on scores that take two values: Hot still gets the top score, and Warm
    # a lower one, leaving 0 to Cold
    scores = np.array([0] * 90 + [5] * 9 + [30])
    hot, warm = thresholds_for_shares(scores, [0.001, 0.05])
    assert (scores >= hot).sum() > 0
    assert ((scores >= warm) & (scores < hot)).sum() > 0
    assert (scores < warm).sum() > 0


def test_too_few_scores_for_the_tiers_is_a_clear_error():
    with pytest.raises(ValueError, match="only 2 different scores: too few for 3 tiers"):
        thresholds_for_shares(np.array([0, 0, 10]), [0.2, 0.5])


def test_hot_threshold_from_a_conversion_rate():
    scores = np.array([0, 0, 10, 10, 20, 20])
    converted = np.array([0, 0, 0, 1, 1, 1])
    # 10+: 3 of 4 = 75%; 0+: 50%
    assert threshold_for_conversion(scores, converted, 0.7) == 10


def test_tier_rows_cover_every_score():
    assert tier_rows(["Hot", "Warm", "Cold"], [40, 10]) == [
        {"tier": "Hot", "min_score": "40", "max_score": ""},
        {"tier": "Warm", "min_score": "10", "max_score": "40"},
        {"tier": "Cold", "min_score": "", "max_score": "10"},
    ]
