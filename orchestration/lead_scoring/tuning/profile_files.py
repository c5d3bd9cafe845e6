"""A scoring profile folder read and written as text frames, column order as the seeds have it."""

import shutil
from pathlib import Path

import pandas as pd

ATTRIBUTE = "score_attribute_rules"
BEHAVIOR = "score_behavior_rules"
CAPS = "score_category_caps"
TIERS = "score_tiers"
MAPPING = "lead_mapping"


def read_seed(profile: Path, seed: str) -> pd.DataFrame:
    """A seed as strings (empty cells as ""), so written back it reads as the same seed."""
    return pd.read_csv(profile / f"{seed}.csv", dtype=str, keep_default_na=False)


def write_seed(profile: Path, seed: str, frame: pd.DataFrame) -> None:
    frame.to_csv(profile / f"{seed}.csv", index=False, lineterminator="\n")


def copy_profile(source: Path, destination: Path) -> Path:
    """A copy of every file of a profile, to change some of its seeds."""
    if destination.exists():
        shutil.rmtree(destination)
    shutil.copytree(source, destination)
    return destination


def points_text(value: float) -> str:
    return str(int(round(value)))
