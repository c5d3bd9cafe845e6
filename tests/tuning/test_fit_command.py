"""`lead-scoring fit` on a small generated warehouse: it prints its progress and the three
holdout AUCs, writes a proposed profile in the live format and changes nothing live; the
proposed seeds, applied on a copy, give every tier leads and keep every exclusive group's
winner, so no negative rule fires for all the leads its group sees."""

import csv
import json
import shutil

import duckdb
import pandas as pd

from lead_scoring.tuning.group_order import keep_group_order
from lead_scoring.tuning.warehouse_copy import SCORE_SELECTION, build_copy
from tests.tuning.conftest import SCORE_AS_OF, digest

HITS = f"{SCORE_SELECTION} +int_lead_score_rule_hits"
SEEDS = (
    "score_attribute_rules",
    "score_behavior_rules",
    "score_category_caps",
    "score_tiers",
    "lead_mapping",
)


def test_fit_prints_progress_and_the_holdout_aucs(fit_run):
    assert fit_run.exit_code == 0, fit_run.stdout
    lines = fit_run.stdout.splitlines()
    assert any("scoring them all with dbt on a copy" in line for line in lines)
    assert any("points: cross-validation fold 5 of 5 done" in line for line in lines)
    assert any("plain logistic regression: cross-validation fold 5 of 5" in line for line in lines)
    report = json.loads((fit_run.out / "fit_report.json").read_text(encoding="utf-8"))
    aucs = report["holdout_auc"]
    expected = (
        f"Holdout AUC: current points {aucs['current_points']}, proposed points "
        f"{aucs['proposed_points']}, logistic regression {aucs['logistic_regression']}"
    )
    assert expected in lines
    assert all(0.5 < value <= 1 for value in aucs.values())


def test_fit_changes_nothing_live(fit_run):
    assert digest(fit_run.warehouse) == fit_run.digest_before


def test_the_proposal_has_the_live_seeds_with_the_same_columns(fit_run):
    proposed = fit_run.out / "proposed_profile"
    for seed in SEEDS:
        live_header = (fit_run.profile / f"{seed}.csv").read_text(encoding="utf-8").splitlines()[0]
        header = (proposed / f"{seed}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header == live_header, seed


def test_applying_the_proposal_fills_every_tier_and_keeps_every_group_winner(fit_run, tmp_path):
    groups = _exclusive_groups(fit_run.profile)
    copy = build_copy(
        fit_run.warehouse, fit_run.out / "proposed_profile", tmp_path, SCORE_AS_OF, HITS
    )
    with duckdb.connect(str(copy), read_only=True) as con:
        tiers = dict(
            con.execute("select tier, count(*) from marts.lead_scores group by 1").fetchall()
        )
        proposed_hits = _group_hits(con, groups)
    # the targets (Hot 20%, Warm 50%, the rest Cold) give every tier leads
    assert set(tiers) == {"Hot", "Warm", "Cold"}
    assert min(tiers.values()) > 0
    with duckdb.connect(str(fit_run.warehouse), read_only=True) as con:
        live_hits = _group_hits(con, groups)
    # each lead's rule in each exclusive group is the one the live points pick
    assert proposed_hits == live_hits
    # the group the data argues against: "some visits" fires only for the infrequent visitors
    some, many = (
        {lead for lead, _, rule in live_hits if rule == name}
        for name in ("beh_sessions_some", "beh_sessions_many")
    )
    assert some and many and not some & many


def test_a_negative_rule_held_in_group_order_never_wins_for_every_visitor(fit_run, tmp_path):
    """On 600 leads the fit stays near the live points; on more, the data (no visitor with a
    few sessions converted) wants "some visits" at about -15, past "5+ visits" +10. Applied
    as they are, those points give "some visits" to every visitor; held in group order, as
    the fit writes them, every visitor keeps the rule the live points give it."""
    groups = _exclusive_groups(fit_run.profile)
    with duckdb.connect(str(fit_run.warehouse), read_only=True) as con:
        live = _group_hits(con, groups)
    visitors = {lead for lead, group, _ in live if group == "sessions"}
    wanted = pd.DataFrame(
        {
            "score_type": "behavior",
            "exclusive_group": "sessions",
            "priority": "",
            "current_points": [-5, 10],
            "points": [-15, 10],
        },
        index=["beh_sessions_some", "beh_sessions_many"],
    )
    held, _ = keep_group_order(wanted, step=5)
    # a tie in absolute points goes to the lower rule id, "beh_sessions_many": -10 is allowed
    assert held.to_dict() == {"beh_sessions_some": -10, "beh_sessions_many": 10}

    as_wanted = _group_hits_with(fit_run, wanted["points"], groups, tmp_path / "wanted")
    assert {lead for lead, _, rule in as_wanted if rule == "beh_sessions_some"} == visitors
    assert _group_hits_with(fit_run, held, groups, tmp_path / "held") == live


def _group_hits_with(fit_run, points: pd.Series, groups, work) -> set[tuple]:
    """Group hits of the live profile with some rules' points changed, built on a copy."""
    profile = shutil.copytree(fit_run.profile, work / "profile")
    seed = profile / "score_behavior_rules.csv"
    rules = pd.read_csv(seed, dtype=str, keep_default_na=False)
    changed = rules["rule_id"].isin(points.index)
    rules.loc[changed, "points"] = rules.loc[changed, "rule_id"].map(points).astype(str)
    rules.to_csv(seed, index=False)
    copy = build_copy(
        fit_run.warehouse,
        profile,
        work / "build",
        SCORE_AS_OF,
        "+int_lead_score_rule_hits +lead_scores",
    )
    with duckdb.connect(str(copy), read_only=True) as con:
        return _group_hits(con, groups)


def _exclusive_groups(profile) -> dict[str, str]:
    """rule_id -> exclusive group of the live profile's rules that have one."""
    groups = {}
    for seed in ("score_attribute_rules", "score_behavior_rules"):
        with (profile / f"{seed}.csv").open(encoding="utf-8") as rows:
            groups |= {row["rule_id"]: row["exclusive_group"] for row in csv.DictReader(rows)}
    return {rule: group for rule, group in groups.items() if group}


def _group_hits(con, groups: dict[str, str]) -> set[tuple]:
    """(lead, group, rule) of every hit of a rule in an exclusive group."""
    rows = con.execute(
        "select lead_id, rule_id from intermediate.int_lead_score_rule_hits"
        " where not is_cap_adjustment"
    ).fetchall()
    return {(lead, groups[rule], rule) for lead, rule in rows if rule in groups}
