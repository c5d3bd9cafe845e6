"""The fit's report as data: holdout AUC of the live points, the proposed points and the plain
logistic regression; calibration per score band and per tier; gains; each rule's evidence."""

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

from lead_scoring.tuning import report_html
from lead_scoring.tuning.points import DOUBLING_POINTS

BAND_WIDTH = 10
GAIN_POINTS = 20


def report(data, rules, fitted, lowered, current, proposed, model, tier_names, cuts) -> dict:
    test = data.is_test
    y = data.converted[test]
    proposed_tier = tier_of(proposed, tier_names, cuts)
    return {
        "split": data.split,
        "scale": f"{DOUBLING_POINTS} points double the odds of converting",
        "regularisation_strength": fitted.strength,
        "leads": {"train": int((~test).sum()), "test": int(test.sum())},
        "conversions": {"train": int(data.converted[~test].sum()), "test": int(y.sum())},
        "holdout_auc": {
            "current_points": auc(y, current["total_score"][test]),
            "proposed_points": auc(y, proposed[test]),
            "logistic_regression": auc(y, model[test]),
        },
        "tiers": {"names": tier_names, "min_scores": cuts},
        "calibration_by_band": {
            "current": rates(y, _band(current["total_score"][test])),
            "proposed": rates(y, _band(proposed[test])),
        },
        "calibration_by_tier": {
            "current": rates(y, current["tier"][test]),
            "proposed": rates(y, proposed_tier[test]),
        },
        "gains": {
            name: gains(y, scores[test])
            for name, scores in (
                ("current_points", current["total_score"]),
                ("proposed_points", proposed),
                ("logistic_regression", model),
            )
        },
        "rules": rule_evidence(data, rules, fitted, lowered),
    }


def auc(y: pd.Series, scores: pd.Series) -> float | None:
    return round(float(roc_auc_score(y, scores)), 4) if y.nunique() == 2 else None


def tier_of(scores: pd.Series, names: list[str], cuts: list[int]) -> pd.Series:
    """The tier of each score: the first (highest) tier whose minimum it reaches."""
    tiers = pd.Series(names[-1], index=scores.index)
    for name, cut in reversed(list(zip(names, cuts, strict=False))):
        tiers[scores >= cut] = name
    return tiers


def rates(y: pd.Series, groups: pd.Series) -> list[dict]:
    table = pd.DataFrame({"group": groups.to_numpy(), "y": y.to_numpy()}).groupby("group")["y"]
    return [
        {
            "group": str(group),
            "leads": int(len(values)),
            "converted": int(values.sum()),
            "rate": round(float(values.mean()), 4),
        }
        for group, values in table
    ]


def gains(y: pd.Series, scores: pd.Series) -> list[dict]:
    """Share of conversions found in the top share of leads, best scores first."""
    order = np.argsort(-scores.to_numpy(), kind="stable")
    found = np.cumsum(y.to_numpy()[order]) / max(y.sum(), 1)
    points = np.linspace(0, len(order), GAIN_POINTS + 1).astype(int)[1:]
    return [
        {
            "leads_share": round(i / len(order), 4),
            "conversions_share": round(float(found[i - 1]), 4),
        }
        for i in points
    ]


def rule_evidence(data, rules, fitted, lowered) -> list[dict]:
    """Per rule on the training leads: with / without, conversion and its 95% Wilson interval."""
    train = ~data.is_test
    hits, y = data.hits[train], data.converted[train]
    rows = []
    for rule in hits.columns:
        fired = hits[rule].to_numpy() == 1
        low, high = wilson(int(y[fired].sum()), int(fired.sum()))
        rows.append(
            {
                "rule_id": rule,
                "label": rules.at[rule, "label"],
                "score_type": rules.at[rule, "score_type"],
                "is_candidate": bool(rules.at[rule, "is_candidate"]),
                "current_points": int(rules.at[rule, "current_points"]),
                "fitted_points": round(float(fitted.raw_points[rule]), 1),
                "proposed_points": int(rules.at[rule, "points"]),
                "leads_with": int(fired.sum()),
                "leads_without": int((~fired).sum()),
                "conversion_with": _rate(y[fired]),
                "conversion_without": _rate(y[~fired]),
                "conversion_with_ci95": [low, high],
                "note": fitted.left_out.get(rule) or lowered.get(rule) or "",
            }
        )
    return sorted(rows, key=lambda row: (-abs(row["proposed_points"]), row["rule_id"]))


def wilson(successes: int, trials: int, z: float = 1.96) -> tuple[float | None, float | None]:
    if trials == 0:
        return None, None
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = (
        z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    )
    return round(centre - half, 4), round(centre + half, 4)


def write(result: dict, out: Path) -> None:
    (out / "fit_report.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    (out / "fit_report.html").write_text(report_html.render(result), encoding="utf-8")


def _band(scores: pd.Series) -> pd.Series:
    """The lower bound of each score's band (0 for 0-9): numbers, so bands sort as numbers."""
    return (scores // BAND_WIDTH * BAND_WIDTH).astype(int)


def _rate(values: pd.Series) -> float | None:
    return round(float(values.mean()), 4) if len(values) else None
