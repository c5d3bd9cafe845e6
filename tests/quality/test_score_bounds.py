"""Score bounds come from the rule seeds, so a rule change moves them without code changes."""

import shutil

import duckdb
import pytest

from lead_scoring.quality.score_bounds import score_bounds, tier_names
from tests.quality.warehouses import SEEDS, load_seeds


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def _bounds(folder) -> dict:
    with duckdb.connect(":memory:") as con:
        load_seeds(con, folder)
        return score_bounds(con)


def _edit(folder, seed: str, old: str, new: str) -> None:
    path = folder / f"{seed}.csv"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_the_default_rules_allow_minus_80_to_216():
    # attribute: size 15 + growth 20 + budget 20 + industry 10 + region 10 + timeline 15
    # + role 30 = 120, competitor domain -50; behavior: capped categories 20 (visits 10 + 10)
    # + 8 + 30 + 20 + 18 = 96, e-mail problems -60 capped at -30
    with duckdb.connect(":memory:") as con:
        load_seeds(con)
        assert score_bounds(con) == {
            "attribute_score_min": -50,
            "attribute_score_max": 120,
            "behavior_score_min": -30,
            "behavior_score_max": 96,
            "total_score_min": -80,
            "total_score_max": 216,
        }
        assert tier_names(con) == ["Cold", "Hot", "Warm"]


def test_a_higher_band_raises_the_maximum_by_the_difference(seeds):
    _edit(
        seeds,
        "score_attribute_rules",
        "employee_count,band,,500,,15,",
        "employee_count,band,,500,,25,",
    )
    assert _bounds(seeds)["attribute_score_max"] == 130


def test_a_lower_cap_lowers_the_behavior_maximum(seeds):
    _edit(seeds, "score_category_caps", "content,,30,Downloads", "content,,20,Downloads")
    assert _bounds(seeds)["behavior_score_max"] == 86


def test_only_the_strongest_rule_of_an_exclusive_group_counts(seeds):
    # the inquiry group (contact 20, quote 20) adds 20 at most; raising quote to 25 adds 5,
    # but the inquiry cap (20) holds it: remove the cap and it shows
    _edit(seeds, "score_behavior_rules", ",20,Quote request form", ",25,Quote request form")
    assert _bounds(seeds)["behavior_score_max"] == 96
    _edit(seeds, "score_category_caps", "inquiry,,20,Inquiry forms\n", "")
    assert _bounds(seeds)["behavior_score_max"] == 101


def test_an_uncapped_negative_rule_lowers_the_minimum(seeds):
    _edit(seeds, "score_category_caps", "email_health,-30,,E-mail problems\n", "")
    assert _bounds(seeds)["behavior_score_min"] == -60
