"""`lead-scoring preview` on a small generated warehouse: the tier matrix is printed, and the
live warehouse (its marts, the reverse-ETL ledger the CRM sync reads) is not changed a byte."""

import hashlib
import shutil
from datetime import date

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
