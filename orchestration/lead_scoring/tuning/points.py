"""Coefficients of one regularised logistic regression on every rule at once -> integer points.

The scale: DOUBLING_POINTS points double the odds of converting (a coefficient c is
c * DOUBLING_POINTS / ln 2 points), rounded to a step. Rules seen on too few leads (or on all
but a few) are left out of the fit: a candidate is dropped, a live rule keeps its live points
rescaled (see below); the report says which. Fitting all rules
at once keeps two rules that fire for the same leads from being counted twice: regularisation
shares one effect between them instead of giving it to each.

The regularisation pulls each rule towards its current points rather than towards 0 (the live
score enters as one unpenalised column, each rule's coefficient is its change from there): with
few outcomes the proposal stays near what works; with many it follows the data. The strength
is chosen by cross-validation on the training leads only (see strength.py)."""

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from lead_scoring.tuning.strength import best_strength, logistic_model

DOUBLING_POINTS = 20
PRIOR_WEIGHT = 1000.0  # the live-score column's scale: its coefficient is then barely penalised


@dataclass
class FittedPoints:
    plain_model: LogisticRegression  # the same rules, no prior, no rounding: the yardstick
    features: list[str]  # the rules the models saw, in column order
    raw_points: pd.Series  # unrounded points by rule (0 for rules left out)
    points: pd.Series  # rounded to the step, by rule
    left_out: dict[str, str]  # rule -> why it got no points
    strength: float  # the regularisation chosen


def fit_points(
    hits: pd.DataFrame,
    converted: pd.Series,
    current: pd.Series,
    step: int,
    min_leads: int,
    progress: Callable[[str], None] = lambda line: None,
) -> FittedPoints:
    """Fit on the given (training) leads; `current` holds the live points by rule."""
    left_out = _too_little_evidence(hits, min_leads)
    features = [rule for rule in hits.columns if rule not in left_out]
    matrix = sparse.csr_matrix(hits[features].to_numpy(dtype=float))
    y = converted.to_numpy()
    prior = matrix @ current[features].to_numpy(dtype=float)
    scale = PRIOR_WEIGHT / prior.std() if prior.std() > 0 else 0.0
    design = sparse.hstack([matrix, prior[:, None] * scale], "csr") if scale else matrix
    progress(f"{len(features)} rules on {len(y)} training leads ({int(y.sum())} converted)")
    strength = best_strength(design, y, "points", progress)
    model = logistic_model(strength).fit(design, y)
    coefficients = model.coef_[0][: len(features)]
    if scale:
        coefficients = coefficients + model.coef_[0][-1] * scale * current[features].to_numpy()
    plain_strength = best_strength(matrix, y, "plain logistic regression", progress)
    plain = logistic_model(plain_strength).fit(matrix, y)
    raw = pd.Series(0.0, index=hits.columns)
    raw[features] = coefficients * DOUBLING_POINTS / math.log(2)
    # a live rule with too little evidence keeps its points, on the fitted scale (the prior)
    kept = [rule for rule in left_out if scale and current[rule] != 0]
    raw[kept] = model.coef_[0][-1] * scale * current[kept] * DOUBLING_POINTS / math.log(2)
    for rule in left_out:
        left_out[rule] += "; kept its live points, rescaled" if rule in kept else "; dropped"
    return FittedPoints(plain, features, raw, round_to_step(raw, step), left_out, strength)


def _too_little_evidence(hits: pd.DataFrame, min_leads: int) -> dict[str, str]:
    with_rule = hits.sum()
    without_rule = len(hits) - with_rule
    return {
        rule: f"too little evidence: {int(with_rule[rule])} leads with it, "
        f"{int(without_rule[rule])} without (fewer than {min_leads})"
        for rule in hits.columns
        if with_rule[rule] < min_leads or without_rule[rule] < min_leads
    }


def round_to_step(raw: pd.Series, step: int) -> pd.Series:
    return (np.round(raw / step) * step).astype(int)


def plain_model_scores(fitted: FittedPoints, hits: pd.DataFrame) -> np.ndarray:
    """The plain logistic regression's own log-odds, unrounded: the yardstick for the points."""
    return fitted.plain_model.decision_function(hits[fitted.features].to_numpy(dtype=float))
