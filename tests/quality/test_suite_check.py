"""A data check on small warehouses: what passes, what fails, what only warns, and what the
next run compares against."""

import json

import duckdb
import pandas as pd
import pytest

from lead_scoring import settings
from lead_scoring.ingest.crm_records import load_crm_pages
from lead_scoring.ingest.warehouse import ensure_raw_schema
from lead_scoring.quality.suite_check import run_suite
from tests.ingest.test_crm_records import _lead
from tests.quality.warehouses import land_web, lead_score, load_seeds, page, write_table
from tests.reverse_etl.helpers import payload_row

SUITES = settings.EXPECTATIONS_DIR


@pytest.fixture
def con(monkeypatch):
    monkeypatch.setenv("LEAD_SCORING_SCORE_AS_OF", "2026-11-20T23:59:59")
    with duckdb.connect(":memory:") as con:
        con.execute("set TimeZone = 'UTC'")
        ensure_raw_schema(con)
        load_seeds(con)
        yield con


def _check(con, asset: str, run: str = "run-1"):
    return run_suite(con, SUITES / f"{asset}.json", run)


def _errors(outcome) -> dict:
    return {(f.expectation, f.column): f for f in outcome.result.errors}


def test_a_clean_load_passes_and_is_remembered(con, tmp_path):
    land_web(con, tmp_path, [page("m1"), page("m2")], "load-1")

    outcome = _check(con, "raw.web_events")

    assert outcome.passed and not outcome.result.failures
    assert outcome.rows_validated == 2
    assert outcome.profile["quarantine_rate"] == 0
    history = con.execute("select asset_key, run_id, passed, row_count from audit.check_history")
    assert history.fetchall() == [("raw.web_events", "run-1", True, 2)]


def test_a_quarantine_rate_above_the_limit_fails_the_source_check(con, tmp_path, monkeypatch):
    land_web(con, tmp_path, [page("m1"), page("m2"), page("m3"), "not json"], "load-1")

    outcome = _check(con, "raw.web_events")

    failure = _errors(outcome)[("expect_column_values_to_be_between", "quarantine_rate")]
    assert failure.sample == [0.25]
    assert "LEAD_SCORING_QUARANTINE_MAX_RATE" in outcome.description
    monkeypatch.setenv("LEAD_SCORING_QUARANTINE_MAX_RATE", "0.3")
    assert _check(con, "raw.web_events", "run-2").passed


def test_the_next_check_covers_every_load_no_passed_check_has_seen(con, tmp_path, monkeypatch):
    land_web(con, tmp_path, [page("m1"), "not json"], "load-1")
    assert not _check(con, "raw.web_events", "run-1").passed
    land_web(con, tmp_path, [page("m2")], "load-2")  # e.g. the run after a failed or killed one

    again = _check(con, "raw.web_events", "run-2")

    assert (again.passed, again.rows_validated) == (False, 2)  # still sees load-1's bad line
    monkeypatch.setenv("LEAD_SCORING_QUARANTINE_MAX_RATE", "0.5")  # a human looked: accept it
    assert _check(con, "raw.web_events", "run-3").passed
    land_web(con, tmp_path, [page("m3")], "load-3")
    assert _check(con, "raw.web_events", "run-4").rows_validated == 1


def test_stale_web_events_fail_but_a_quiet_crm_only_warns(con, tmp_path):
    land_web(con, tmp_path, [page("m1", day="2026-11-10")], "load-1")
    old = "2026-11-10T10:00:00+09:00"
    load_crm_pages(con, "crm_leads", [("p1", [_lead("1", old), _lead("2", old)])], "load-1")

    web, crm = _check(con, "raw.web_events"), _check(con, "raw.crm_leads")

    assert _errors(web)[("expect_column_values_to_be_between", "newest_age_hours")]
    assert "LEAD_SCORING_FRESHNESS_HOURS" in web.description
    assert crm.passed
    assert [f.column for f in crm.result.failures] == ["newest_age_hours"]


def test_an_unknown_industry_is_a_warning_that_shows_the_value(con):
    leads = [_lead("1", "2026-11-20T10:00:00+09:00", Industry="Aerospace")]
    load_crm_pages(con, "crm_leads", [("p1", leads)], "load-1")

    outcome = _check(con, "raw.crm_leads")

    assert outcome.passed
    (warning,) = [f for f in outcome.result.failures if f.column == "industry"]
    assert (warning.severity, warning.sample) == ("warn", ["Aerospace"])


def test_a_mart_row_count_outside_the_band_fails_until_it_is_back(con):
    write_table(con, "marts.lead_scores", [lead_score(str(i)) for i in range(10)])
    assert _check(con, "marts.lead_scores", "run-1").passed
    write_table(con, "marts.lead_scores", [lead_score(str(i)) for i in range(4)])

    dropped = _check(con, "marts.lead_scores", "run-2")
    assert _errors(dropped)[("expect_column_values_to_be_between", "row_count_change")].sample == [
        -0.6
    ]
    assert not _check(con, "marts.lead_scores", "run-3").passed  # compared with the last pass
    write_table(con, "marts.lead_scores", [lead_score(str(i)) for i in range(8)])
    assert _check(con, "marts.lead_scores", "run-4").passed


def test_scores_beyond_the_seed_bounds_unknown_tiers_and_future_times_fail(con):
    rows = [
        lead_score("1"),
        lead_score("2", total_score=250, tier="Lukewarm"),
        lead_score("3", scored_at=pd.Timestamp("2030-01-01")),
    ]
    write_table(con, "marts.lead_scores", rows)

    errors = _errors(_check(con, "marts.lead_scores"))

    assert errors[("expect_column_values_to_be_between", "total_score")].sample == [250]
    assert errors[("expect_column_values_to_be_in_set", "tier")].sample == ["Lukewarm"]
    future = errors[("expect_column_values_to_be_between", "scored_at")].sample
    assert [str(t) for t in future] == ["2030-01-01 00:00:00"]


def test_an_unknown_lifecycle_stage_fails_the_crm_payload(con):
    row = {**payload_row(1), "lifecycle_stage": "MQL", "payload_hash": "h1"}  # contract columns
    write_table(con, "marts.sync_crm__lead_scores", [row])

    errors = _errors(_check(con, "marts.sync_crm__lead_scores"))

    assert errors[("expect_column_values_to_be_in_set", "lifecycle_stage")].sample == ["MQL"]


def test_a_suite_naming_a_missing_column_says_which(con, tmp_path):
    write_table(con, "marts.lead_scores", [lead_score("1")])
    suite = tmp_path / "marts.lead_scores.json"
    expectation = {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "scroe"}}
    suite.write_text(json.dumps({"name": "marts.lead_scores", "expectations": [expectation]}))
    with pytest.raises(ValueError, match=r"column\(s\) scroe not in marts.lead_scores \(it has "):
        run_suite(con, suite, "run-1")
