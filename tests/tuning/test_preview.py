"""`lead-scoring preview` on a small generated warehouse: the tier matrix is printed, and the
live warehouse (its marts, the reverse-ETL ledger the CRM sync reads) is not changed a byte."""

import hashlib
import os
import shutil
from datetime import date

import pandas as pd

from lead_scoring.cli import main
from lead_scoring.settings import DBT_PROJECT_DIR
from tests.dbt.dbt_helpers import query, run_dbt, vars_arg
from tests.dbt.generated_data import generate_into


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_preview_prints_the_tier_matrix_and_changes_nothing_live(tmp_path, monkeypatch, capsys):
    warehouse = generate_into(tmp_path, leads=150, days=20, seed=3, end_date=date(2026, 11, 19))
    built = run_dbt(
        ["build", "--exclude-resource-type", "unit_test", *vars_arg("2026-11-20T00:00:00")],
        warehouse,
        tmp_path,
    )
    assert built.returncode == 0, built.stdout[-2000:]
    # the proposal: the lesson's rules with Hot from 40 points instead of 70
    seeds = shutil.copytree(DBT_PROJECT_DIR / "profiles" / "lesson", tmp_path / "proposed")
    (seeds / "score_tiers.csv").write_text(
        "tier,min_score,max_score\nHot,40,\nWarm,30,40\nCold,,30\n", encoding="utf-8"
    )
    hot_before = query(warehouse, "select count(*) from marts.lead_scores where tier = 'Hot'")
    warm_40_plus = query(
        warehouse,
        "select count(*) from marts.lead_scores where tier = 'Warm' and total_score >= 40",
    )[0][0]
    before = digest(warehouse)
    monkeypatch.setenv("LEAD_SCORING_DUCKDB", str(warehouse))

    assert main(["preview", "--seeds", str(seeds)]) == 0

    out = capsys.readouterr().out
    assert "Leads by tier: live (rows) x with the seeds (columns)" in out
    # every Warm lead of 40+ moves to Hot, by hand from the live scores
    warm_row = next(line for line in out.splitlines() if line.startswith("Warm "))
    assert warm_row.split()[2] == str(warm_40_plus)  # Warm, then columns Cold, Hot, Warm
    assert "CRM writes the change would cause" in out
    assert digest(warehouse) == before
    assert query(warehouse, "select count(*) from marts.lead_scores where tier = 'Hot'") == (
        hot_before
    )


def test_a_preview_that_ends_todays_hand_offs_shows_them_ending(fit_run, monkeypatch, capsys):
    """The live run handed leads off today; seeds that give every rule 0 points hand none
    off. The preview is today's run with those seeds (not a second run carrying the live
    run's hand-offs forward, which the history's checks would stop)."""
    assert fit_run.exit_code == 0
    seeds = shutil.copytree(fit_run.profile, fit_run.out.parent / "zero_points")
    for seed in ("score_attribute_rules", "score_behavior_rules"):
        path = seeds / f"{seed}.csv"
        rules = pd.read_csv(path, dtype=str, keep_default_na=False)
        path.write_text(rules.assign(points="0").to_csv(index=False), encoding="utf-8")
    ready = query(
        fit_run.warehouse, "select count(*) from marts.lead_qualification where is_sales_ready"
    )[0][0]
    assert ready > 0  # the generated leads have hand-offs today (the only day of history)
    monkeypatch.setenv("LEAD_SCORING_DUCKDB", str(fit_run.warehouse))
    monkeypatch.setenv(
        "LEAD_SCORING_PROFILE_DIR", os.path.relpath(fit_run.profile, DBT_PROJECT_DIR)
    )

    assert main(["preview", "--seeds", str(seeds)]) == 0

    out = capsys.readouterr().out
    assert f"Sales-ready (handed off): {ready} now, 0 with the seeds (+0, -{ready})" in out
    assert digest(fit_run.warehouse) == fit_run.digest_before
