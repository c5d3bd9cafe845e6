"""The regularisation is chosen on the training leads by cross-validation, and the fit reaches
the optimum of its penalised likelihood (checked against scipy's own optimiser)."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
from scipy.optimize import minimize
from scipy.special import expit

from lead_scoring.tuning.points import DOUBLING_POINTS, fit_points
from lead_scoring.tuning.strength import STRENGTHS, best_strength, log_loss


def test_log_loss_by_hand():
    # log-odds 0 is p = 1/2: ln 2 either way; log-odds ln 3 is p = 3/4: -ln(3/4) if converted
    y = np.array([1, 0, 1])
    log_odds = np.array([0.0, 0.0, math.log(3)])
    expected = (math.log(2) + math.log(2) - math.log(0.75)) / 3
    assert log_loss(y, log_odds) == pytest.approx(expected)


def test_rules_that_say_nothing_get_the_strongest_regularisation():
    rng = np.random.default_rng(4)
    hits = sparse.csr_matrix((rng.random((3000, 8)) < 0.3).astype(float))
    y = (rng.random(3000) < 0.1).astype(int)  # independent of every rule
    assert best_strength(hits, y, "noise") == STRENGTHS[0]


def test_rules_with_a_strong_signal_get_a_weaker_regularisation_than_noise():
    rng = np.random.default_rng(5)
    hits = (rng.random((20000, 3)) < 0.5).astype(float)
    y = (rng.random(20000) < 1 / (1 + np.exp(-(-2 + 2 * hits[:, 0] - 2 * hits[:, 1])))).astype(int)
    assert best_strength(sparse.csr_matrix(hits), y, "signal") > STRENGTHS[0]


def test_too_few_conversions_to_fit_is_a_clear_error():
    hits = sparse.csr_matrix(np.ones((10, 1)))
    y = np.array([1] + [0] * 9)
    with pytest.raises(ValueError, match="outcome: the training leads hold 1 converted"):
        best_strength(hits, y, "points")


def test_the_points_are_the_optimum_of_the_penalised_likelihood():
    """Live points pull the fit (the live score is one barely penalised column, on a scale
    far from the rules'): scipy minimising the same objective finds the same points."""
    rng = np.random.default_rng(6)
    leads = 4000
    hits = pd.DataFrame((rng.random((leads, 4)) < 0.3).astype(np.int8), columns=list("abcd"))
    truth = np.array([math.log(2), 0.0, math.log(4), -math.log(2)])
    log_odds = -2.5 + hits.to_numpy() @ truth
    converted = pd.Series((rng.random(leads) < 1 / (1 + np.exp(-log_odds))).astype(int))
    current = pd.Series([10, 10, 30, 0], index=hits.columns)
    fitted = fit_points(hits, converted, current, step=5, min_leads=30)

    # the objective, written out: log loss summed over leads + |w|^2 / (2C) on every column
    # but the intercept; columns: the rules, then the live score scaled to a spread of 1000
    x = hits.to_numpy(float)
    prior = x @ current.to_numpy(float)
    design = np.column_stack([x, prior * 1000.0 / prior.std()])
    y = converted.to_numpy()

    def objective(theta):
        z = theta[0] + design @ theta[1:]
        residual = expit(z) - y
        loss = np.sum(np.logaddexp(0, z) - y * z) + theta[1:] @ theta[1:] / (2 * fitted.strength)
        gradient = np.concatenate(
            [[residual.sum()], design.T @ residual + theta[1:] / fitted.strength]
        )
        return loss, gradient

    best = minimize(objective, np.zeros(6), jac=True, method="BFGS", options={"gtol": 1e-8})
    w = best.x[1:]
    expected = (w[:4] + w[4] * 1000.0 / prior.std() * current.to_numpy()) * DOUBLING_POINTS
    expected /= math.log(2)
    assert fitted.raw_points.to_numpy() == pytest.approx(expected, abs=0.05)
