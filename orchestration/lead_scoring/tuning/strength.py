"""How strongly to regularise: chosen by cross-validation on the training leads only (the test
leads are never seen), on log loss rather than AUC, because AUC ignores the scale the points
are read on.

Each fold walks the strengths from the strongest to the weakest, every fit starting from the
previous one's coefficients (a warm start), with scikit-learn's Newton-Cholesky solver on a
sparse matrix of rule hits: exact in a handful of iterations even where the live-score column
is on a very different scale from the rules (see points.PRIOR_WEIGHT), and fast on many leads
because it only ever factors a matrix of rules x rules."""

import math
from collections.abc import Callable

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

# inverse regularisation (sklearn C), strongest first
STRENGTHS = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
FOLDS = 5
MAX_ITER = 100  # Newton steps; it needs under 10 on the generated data


def logistic_model(strength: float, warm_start: bool = False) -> LogisticRegression:
    return LogisticRegression(
        C=strength, solver="newton-cholesky", max_iter=MAX_ITER, warm_start=warm_start
    )


def best_strength(
    design: sparse.csr_matrix,
    y: np.ndarray,
    label: str,
    progress: Callable[[str], None] = lambda line: None,
) -> float:
    """The strongest regularisation whose cross-validated log loss (stratified folds) is within
    one standard error of the best one's: the usual guard against chasing fold noise."""
    converted, not_converted = int(y.sum()), int(len(y) - y.sum())
    if min(converted, not_converted) < 2:
        raise ValueError(
            f"outcome: the training leads hold {converted} converted and {not_converted} other "
            "leads; the fit needs at least 2 of each (check the outcome columns of lead_mapping)"
        )
    folds = StratifiedKFold(
        n_splits=min(FOLDS, converted, not_converted), shuffle=True, random_state=0
    )
    losses = np.empty((len(STRENGTHS), folds.n_splits))
    for fold, (train, valid) in enumerate(folds.split(np.zeros(len(y)), y)):
        model = logistic_model(STRENGTHS[0], warm_start=True)
        for i, strength in enumerate(STRENGTHS):
            model.set_params(C=strength).fit(design[train], y[train])
            losses[i, fold] = log_loss(y[valid], model.decision_function(design[valid]))
        progress(f"{label}: cross-validation fold {fold + 1} of {folds.n_splits} done")
    means = losses.mean(axis=1)
    best = int(np.argmin(means))
    ceiling = means[best] + losses[best].std() / math.sqrt(folds.n_splits)
    return next(c for c, mean in zip(STRENGTHS, means, strict=True) if mean <= ceiling)


def log_loss(y: np.ndarray, log_odds: np.ndarray) -> float:
    """Mean negative log-likelihood of 0/1 outcomes given log-odds (stable for large ones)."""
    return float(np.mean(np.logaddexp(0.0, log_odds) - y * log_odds))
