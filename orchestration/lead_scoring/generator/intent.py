"""Hidden true intent and what it shapes: role, budget, purchase timeline, the outcome.

Intent is partly explained by fit (company size and industry, decision-making role), the rest
is noise, so a good fit score helps but cannot rank leads on its own.
"""

import numpy as np

from lead_scoring.generator.randomness import sigmoid

DECISION_MAKER_SHARE = 0.3
BUDGET_MISSING = 0.10  # leads that left the budget question blank
TIMELINE_MISSING = 0.08


def decision_makers(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.random(n) < DECISION_MAKER_SHARE


def true_intent(rng: np.random.Generator, company_fit: np.ndarray, dm: np.ndarray) -> np.ndarray:
    z = -1.6 + 0.45 * company_fit + 0.8 * dm + 1.1 * rng.standard_normal(len(dm))
    return np.round(sigmoid(1.4 * z), 4)


def budgets(rng: np.random.Generator, intent: np.ndarray, employees: np.ndarray) -> np.ndarray:
    """Estimated budget in JPY (rounded to 1M as people answer), NaN when left blank."""
    log_budget = (
        np.log(30e6)
        + 1.8 * (intent - 0.3)
        + 0.3 * (np.log(employees) - np.log(80))
        + rng.normal(0, 0.7, len(intent))
    )
    amount = np.clip(np.round(np.exp(log_budget) / 1e6), 1, 2000) * 1e6
    return np.where(rng.random(len(intent)) < BUDGET_MISSING, np.nan, amount)


def timelines(rng: np.random.Generator, intent: np.ndarray) -> np.ndarray:
    """Index into PURCHASE_TIMELINES (0 = within 3 months), -1 when not answered."""
    latent = -3.0 * intent + rng.normal(0, 0.8, len(intent))
    bucket = np.digitize(latent, [-1.6, -0.9, -0.2])
    return np.where(rng.random(len(intent)) < TIMELINE_MISSING, -1, bucket)


def outcomes(rng: np.random.Generator, intent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Converted (became a deal) and won; the eventual truth, known or not by the window's end."""
    converted = rng.random(len(intent)) < sigmoid(9.0 * (intent - 0.62))
    won = converted & (rng.random(len(intent)) < 0.25 + 0.5 * intent)
    return converted, won
