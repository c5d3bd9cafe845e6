"""Every rule of the lesson profile's seeds is pinned by at least one dbt unit test (no dbt run)."""

import csv
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[2] / "dbt_project"
RULE_SEEDS = ["score_attribute_rules", "score_behavior_rules"]


def seed_rows(name: str) -> list[dict]:
    with (PROJECT / "profiles" / "lesson" / f"{name}.csv").open(encoding="utf-8") as seed:
        return list(csv.DictReader(seed))


def unit_tests() -> list[dict]:
    tests = []
    for path in (PROJECT / "models").rglob("*.yml"):
        tests += (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("unit_tests", [])
    return tests


def test_every_default_rule_is_expected_by_a_unit_test():
    expected = {
        row.get("rule_id") for test in unit_tests() for row in test["expect"].get("rows", [])
    }
    rules = {row["rule_id"] for seed in RULE_SEEDS for row in seed_rows(seed)}
    assert rules - expected == set()


def test_every_default_tier_and_cap_is_exercised():
    expected_tiers = {
        row.get("tier")
        for test in unit_tests()
        if test["model"] == "lead_scores"
        for row in test["expect"]["rows"]
    }
    assert {row["tier"] for row in seed_rows("score_tiers")} <= expected_tiers
    cap_rows = {
        row.get("rule_id")
        for test in unit_tests()
        for row in test["expect"].get("rows", [])
        if str(row.get("rule_id", "")).startswith("cap:")
    }
    binding = {
        f"cap:{row['category']}" for row in seed_rows("score_category_caps") if row["min_points"]
    }
    assert binding <= cap_rows
