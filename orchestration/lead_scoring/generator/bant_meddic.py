"""BANT and MEDDIC fields a rep fills in while qualifying. Buyers get more items confirmed;
every count from none to all occurs. Unknown items stay null, items asked and failed are false."""

import numpy as np

from lead_scoring.generator import sales_notes, vocab


def confirmed_items(rng, intent: np.ndarray, items: int, boost: np.ndarray) -> np.ndarray:
    """(n, items) booleans: a random subset whose size grows with intent."""
    p = np.clip(0.1 + 0.9 * intent + boost, 0.02, 0.97)
    count = rng.binomial(items, p)
    rank = np.argsort(rng.random((len(intent), items)), axis=1)
    return rank < count[:, None]


def bant_fields(rng, intent, budget, decided, boost) -> dict[str, np.ndarray]:
    """Zoho BANT fields for the worked leads given (others are filled with null by the caller)."""
    n = len(intent)
    ok = confirmed_items(rng, intent, 4, boost)
    asked = decided  # a decided lead had every question asked
    amount = np.where(np.isnan(budget), rng.integers(5, 120, n) * 1e6, budget)
    approved_amount = np.round(amount * rng.uniform(0.7, 1.1, n) / 1e6) * 1e6
    other_timelines = np.array(vocab.PURCHASE_TIMELINES[1:], dtype=object)
    pains = np.array(sales_notes.PAIN, dtype=object)
    return {
        "Budget_Approved": _flag(ok[:, 0], asked),
        "Approved_Budget_Amount": np.where(ok[:, 0], approved_amount, np.nan),
        "Authority_Confirmed": _flag(ok[:, 1], asked),
        "Pain_Documented": np.where(ok[:, 2], pains[rng.integers(0, len(pains), n)], None),
        "Confirmed_Timeline": np.where(
            ok[:, 3],
            vocab.PURCHASE_TIMELINES[0],
            np.where(asked, other_timelines[rng.integers(0, 3, n)], None),
        ),
    }


def meddic_fields(rng, intent, complex_deal, boost) -> dict[str, np.ndarray]:
    """MEDDIC text fields, only for complex (large) deals; empty means not known yet."""
    ok = confirmed_items(rng, intent, 6, boost) & complex_deal[:, None]
    fields = {}
    for i, (name, pool) in enumerate(sales_notes.MEDDIC.items()):
        texts = np.array(pool, dtype=object)[rng.integers(0, len(pool), len(intent))]
        fields[name] = np.where(ok[:, i], texts, None)
    return fields


def _flag(confirmed: np.ndarray, asked: np.ndarray) -> np.ndarray:
    return np.where(confirmed, True, np.where(asked, False, None)).astype(object)
