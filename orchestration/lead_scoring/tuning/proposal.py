"""The proposed profile: the live profile's seeds with fitted points, the candidates that earned
points, caps scaled with their category and tiers from the target. Never applied by itself."""

import math
from pathlib import Path

import pandas as pd

from lead_scoring.tuning import profile_files as files


def rule_table(live: Path, attribute_candidates: list[dict], behavior_candidates: list[dict]):
    """Every rule, live and candidate: rule_id index; score_type, category, exclusive_group,
    priority, current_points (0 for candidates), label, is_candidate."""
    frames = []
    for seed, score_type, candidates in (
        (files.ATTRIBUTE, "attribute", attribute_candidates),
        (files.BEHAVIOR, "behavior", behavior_candidates),
    ):
        live_rows = files.read_seed(live, seed).assign(is_candidate=False)
        extra = pd.DataFrame(candidates, columns=live_rows.columns.drop("is_candidate"))
        frame = pd.concat([live_rows, extra.fillna("").assign(is_candidate=True)])
        frame["score_type"] = score_type
        frame["current_points"] = frame["points"].astype(int).where(~frame["is_candidate"], 0)
        frames.append(frame)
    table = pd.concat(frames).set_index("rule_id")
    if "priority" in table:
        table["priority"] = table["priority"].fillna("")
    return table


def scaled_caps(caps: pd.DataFrame, rules: pd.DataFrame, step: int) -> pd.DataFrame:
    """Each cap times the change of its category's total absolute points (rounded outwards to
    the step so a cap never bites harder than before); a category left without points loses
    its cap (a cap on a category no rule has is a seed error)."""
    kept = []
    for row in caps.to_dict("records"):
        members = rules[rules["category"] == row["category"]]
        before = members["current_points"].abs().sum()
        after = members["points"].abs().sum()
        if before == 0 or after == 0:
            continue
        factor = after / before
        for column, rounding in (("min_points", math.floor), ("max_points", math.ceil)):
            if row[column] != "":
                row[column] = str(int(rounding(float(row[column]) * factor / step) * step))
        kept.append(row)
    return pd.DataFrame(kept, columns=caps.columns)


def write_profile(
    live: Path, out: Path, rules: pd.DataFrame, caps: pd.DataFrame, tiers: list[dict]
) -> Path:
    """The proposed folder: same seeds, same columns. Live rules keep their row even at 0
    points when they are in an exclusive group (they still claim their leads there)."""
    files.copy_profile(live, out)
    for seed, score_type in ((files.ATTRIBUTE, "attribute"), (files.BEHAVIOR, "behavior")):
        columns = files.read_seed(live, seed).columns
        chosen = rules[rules["score_type"] == score_type]
        keep = (chosen["points"] != 0) | (
            ~chosen["is_candidate"] & (chosen["exclusive_group"] != "")
        )
        rows = chosen[keep].assign(points=chosen["points"].astype(str)).reset_index()
        files.write_seed(out, seed, rows[list(columns)])
    files.write_seed(out, files.CAPS, caps)
    files.write_seed(out, files.TIERS, pd.DataFrame(tiers))
    return out
