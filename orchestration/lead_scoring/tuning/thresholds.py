"""Tier thresholds from a target: the share of leads in each tier above the lowest, or the
conversion rate the top tier should reach. Thresholds are scores that occur, so a tier the
target gives leads to is never left empty by a threshold between two scores."""

import numpy as np


def thresholds_for_shares(scores: np.ndarray, shares: list[float]) -> list[int]:
    """Minimum scores of the tiers from the top down, each taking about its share of leads."""
    values = np.unique(scores)[::-1]  # highest first
    at_or_above = np.array([(scores >= value).mean() for value in values])
    thresholds: list[int] = []
    cumulative = 0.0
    for share in shares:
        cumulative += share
        # below the previous threshold, and leaving a score below for the tiers under it
        allowed = [
            i for i, value in enumerate(values[:-1]) if not thresholds or value < thresholds[-1]
        ]
        if not allowed:
            raise ValueError(
                f"the proposed points give only {len(values)} different scores: too few for "
                f"{len(shares) + 1} tiers"
            )
        best = min(allowed, key=lambda i: abs(at_or_above[i] - cumulative))
        thresholds.append(int(values[best]))
    return thresholds


def threshold_for_conversion(scores: np.ndarray, converted: np.ndarray, rate: float) -> int:
    """The lowest score whose leads at or above it convert at `rate` or more."""
    for value in np.unique(scores)[:-1]:
        if converted[scores >= value].mean() >= rate:
            return int(value)
    raise ValueError(
        f"no score threshold reaches a conversion rate of {rate:.0%} among the leads above it "
        f"(the best is {converted[scores >= scores.max()].mean():.0%}): choose a lower "
        "--hot-conversion or set --hot-share"
    )


def tier_rows(names: list[str], thresholds: list[int]) -> list[dict]:
    """score_tiers rows, names from the top tier down: [min, max) bands covering every score."""
    bounds = [*thresholds, None]
    rows = []
    upper = None
    for name, lower in zip(names, bounds, strict=True):
        rows.append(
            {
                "tier": name,
                "min_score": "" if lower is None else str(lower),
                "max_score": "" if upper is None else str(upper),
            }
        )
        upper = lower
    return rows
