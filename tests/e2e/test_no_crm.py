"""The whole pipeline with no CRM: the generated data set imported from files, scored with the
`from_profile` example profile, checked, exported and published. A CRM sandbox listens on the
configured address only to prove that nothing calls it."""

import csv
import os
from datetime import date
from unittest import mock

import dagster as dg
import duckdb
import pyarrow.parquet as pq
import pytest
import requests

from lead_scoring.crm.sandbox import SandboxServer
from lead_scoring.generator import generate
from lead_scoring.generator.import_files import write_import_files

END_DATE = date(2026, 11, 20)
# relative to dbt_project/: with an absolute profile path dbt 1.11 writes its compiled seed
# SQL over the profile's CSV files (target path joined with an absolute seed path)
PROFILE = "profiles/from_profile"


@pytest.fixture(scope="module")
def no_crm_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("no-crm")
    generate(root / "generated", leads=300, days=30, seed=11, end_date=END_DATE, progress=False)
    counts = write_import_files(root / "generated", root / "files")
    (root / "leads").mkdir()
    (root / "activities").mkdir()
    (root / "files" / "leads.csv").rename(root / "leads" / "leads.csv")
    (root / "files" / "activities.csv").rename(root / "activities" / "activities.csv")
    with SandboxServer(root / "crm.sqlite") as sandbox:
        env = {
            "LEAD_SCORING_CRM": "none",
            "LEAD_SCORING_CRM_API_DOMAIN": sandbox.base_url,
            "LEAD_SCORING_CRM_ACCOUNTS_URL": sandbox.base_url,
            "LEAD_SCORING_WEB_EVENTS_DIR": "none",
            "LEAD_SCORING_EMAIL_EVENTS_DIR": "none",
            "LEAD_SCORING_IMPORT_LEADS_DIR": str(root / "leads"),
            "LEAD_SCORING_IMPORT_ACTIVITIES_DIR": str(root / "activities"),
            "LEAD_SCORING_PROFILE_DIR": str(PROFILE),
            "LEAD_SCORING_DUCKDB": str(root / "warehouse.duckdb"),
            "LEAD_SCORING_SCORE_AS_OF": f"{END_DATE.isoformat()}T23:59:59",
        }
        from lead_scoring.definitions import build_defs

        with mock.patch.dict(os.environ, env), dg.DagsterInstance.ephemeral() as instance:
            result = (
                build_defs()
                .resolve_job_def("nightly_lead_scoring")
                .execute_in_process(instance=instance, raise_on_error=False)
            )
        calls = requests.get(f"{sandbox.base_url}/__sandbox/requests", timeout=10).json()
    yield root, result, counts, calls["requests"]


def _scores(path) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(
            "select lead_id, total_score, tier from marts.lead_scores order by lead_id"
        ).fetchall()


def test_every_imported_lead_is_scored_exported_and_published(no_crm_run):
    root, result, counts, _ = no_crm_run
    assert result.success
    scores = _scores(root / "warehouse.duckdb")
    assert len(scores) == counts["leads.csv"] == 300
    with (root / "export" / "lead_scores.csv").open() as f:
        exported = [(r["lead_id"], int(r["total_score"]), r["tier"]) for r in csv.DictReader(f)]
    assert exported == scores
    parquet = pq.read_table(root / "export" / "lead_scores.parquet").to_pylist()
    assert [(r["lead_id"], r["total_score"], r["tier"]) for r in parquet] == scores
    assert _scores(root / "published" / "warehouse.duckdb") == scores
    assert len({tier for _, _, tier in scores}) > 1  # the rules separate leads


def test_no_crm_call_was_made_and_the_sync_said_why(no_crm_run):
    _, result, _, calls = no_crm_run
    assert calls == []
    sync = result.asset_materializations_for_node("reverse_etl__crm_lead_scores")[0]
    assert sync.metadata["crm"].value == "none"
    checks = {e.asset_check_key.name: e for e in result.get_asset_check_evaluations()}
    assert checks["gx_crm_leads"].passed
    assert "LEAD_SCORING_CRM=none" in checks["gx_crm_leads"].description


def _truth(generated) -> dict[str, bool]:
    with (generated / "truth" / "leads.csv").open() as f:
        return {row["lead_id"]: row["converted"] == "true" for row in csv.DictReader(f)}


def auc(scores: dict[str, float], truth: dict[str, bool]) -> float:
    """Area under the ROC curve by the rank formula (Mann-Whitney U), ties at their mean rank:
    (sum of the converters' ranks - n1 (n1 + 1) / 2) / (n1 n0)."""
    ordered = sorted(scores[lead] for lead in truth)
    first_rank: dict[float, float] = {}
    for position, score in enumerate(ordered, start=1):
        first_rank.setdefault(score, position)
    counts = {score: ordered.count(score) for score in first_rank}
    mean_rank = {s: first_rank[s] + (counts[s] - 1) / 2 for s in first_rank}
    positives = [lead for lead, converted in truth.items() if converted]
    n1, n0 = len(positives), len(truth) - len(positives)
    return (sum(mean_rank[scores[lead]] for lead in positives) - n1 * (n1 + 1) / 2) / (n1 * n0)


def test_the_rank_formula_on_a_hand_example():
    # scores 1, 2, 2, 3 with converters at 2 and 3: ranks 1, 2.5, 2.5, 4; converters' sum 6.5;
    # U = 6.5 - 3 = 3.5 of 2 x 2 = 4 pairs -> 0.875
    truth = {"a": False, "b": True, "c": False, "d": True}
    assert auc({"a": 1, "b": 2, "c": 2, "d": 3}, truth) == 0.875


def test_rules_written_from_the_profile_rank_converters_at_least_as_well(no_crm_run, pipeline):
    """Same generated data (300 leads, 30 days, seed 11): the lesson profile on the CRM path
    against the `from_profile` rules on the imported files."""
    root, result, _, _ = no_crm_run
    lesson_run = pipeline.run()
    assert result.success and lesson_run.success
    truth = _truth(pipeline.root / "generated")
    lesson = {lead: score for lead, score, _ in _scores(pipeline.warehouse)}
    mine = {lead: score for lead, score, _ in _scores(root / "warehouse.duckdb")}
    assert set(lesson) == set(mine) == set(truth)
    mine_auc, lesson_auc = auc(mine, truth), auc(lesson, truth)
    print(f"AUC vs the hidden outcome: from_profile {mine_auc:.3f}, lesson {lesson_auc:.3f}")
    assert mine_auc >= lesson_auc
