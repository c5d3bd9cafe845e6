"""The suite files themselves, and what a broken suite says."""

import json

import duckdb
import pandas as pd
import pytest

from lead_scoring import settings
from lead_scoring.quality.gx_suites import (
    load_suite_json,
    parameter_names,
    referenced_columns,
    validate_frame,
)
from lead_scoring.quality.parameters import PROVIDERS, parameters_for
from tests.quality.warehouses import load_seeds

SUITES = sorted(settings.EXPECTATIONS_DIR.glob("*.json"))
SOURCES = ("raw.crm_leads", "raw.crm_calls", "raw.web_events", "raw.email_events")
SCORE_MARTS = (
    "marts.lead_scores", "marts.lead_attribute_scores", "marts.lead_behavior_scores",
    "marts.sync_crm__lead_scores", "marts.lead_score_history", "marts.lead_qualification",
    "marts.lead_handoffs",
)  # fmt: skip


def test_every_source_and_score_mart_has_a_suite():
    assert {path.stem for path in SUITES} >= {*SOURCES, *SCORE_MARTS}


@pytest.mark.parametrize("path", SUITES, ids=[p.stem for p in SUITES])
def test_a_suite_builds_and_names_only_known_parameters(path):
    suite = load_suite_json(path)
    assert suite["name"] == path.stem
    assert parameter_names(suite) <= PROVIDERS.keys()
    frame = pd.DataFrame({column: [] for column in referenced_columns(suite)})
    with duckdb.connect(":memory:") as con:
        load_seeds(con)
        parameters = parameters_for(con, parameter_names(suite), path.name)
    assert validate_frame(frame, suite, parameters).evaluated == len(suite["expectations"])


@pytest.mark.parametrize("path", [p for p in SUITES if p.stem in SOURCES], ids=lambda p: p.stem)
def test_a_source_suite_checks_keys_freshness_band_and_quarantine_rate(path):
    suite = load_suite_json(path)
    table = [e["kwargs"]["column"] for e in suite["meta"]["table_expectations"]]
    assert {"row_count_change", "newest_age_hours", "quarantine_rate"} <= set(table)
    kinds = {(e["type"], e["kwargs"].get("column")) for e in suite["expectations"]}
    assert any(kind == "expect_column_values_to_not_be_null" for kind, _ in kinds)


def test_an_unknown_expectation_type_is_an_error_not_an_empty_suite():
    # GX itself only logs an unknown type and drops it: the suite would pass on anything
    suite = {"name": "s", "expectations": [{"type": "expect_column_to_be_great", "kwargs": {}}]}
    with pytest.raises(ValueError, match="unknown expectation type.*expect_column_to_be_great"):
        validate_frame(pd.DataFrame({"a": [1]}), suite)


def test_an_unknown_parameter_lists_the_known_ones():
    with pytest.raises(ValueError, match=r"uses \$PARAMETER typo_max.*Known parameters: "):
        parameters_for(None, {"typo_max"}, "marts.x.json")


def test_a_suite_that_is_not_json_names_the_file(tmp_path):
    path = tmp_path / "raw.web_events.json"
    path.write_text('{"name": "raw.web_events", "expectations": [')
    with pytest.raises(ValueError, match=f"expectation suite {path} is not valid JSON"):
        load_suite_json(path)


def test_a_warning_fails_without_failing_the_suite():
    suite = {
        "name": "s",
        "expectations": [
            {"type": "expect_column_values_to_be_in_set", "severity": "warning",
             "kwargs": {"column": "industry", "value_set": ["Retail"]}},
            {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "industry"}},
        ],
    }  # fmt: skip
    result = validate_frame(pd.DataFrame({"industry": ["Retail", "Aerospace"]}), suite)
    assert result.success
    (warning,) = result.failures
    assert (warning.severity, warning.sample) == ("warn", ["Aerospace"])


def test_the_suites_are_plain_gx_json():
    for path in SUITES:
        assert set(json.loads(path.read_text())) <= {"name", "meta", "expectations"}
