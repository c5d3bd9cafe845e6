"""The Japanese rule labels are data like the rules: a malformed row of score_rule_labels_ja
stops the build naming the row, and a locale other than en or ja stops it naming the setting."""

import pytest

from .dbt_helpers import copy_project, edit_seed, run_dbt

NO_UNIT_TESTS = ["--exclude-resource-type", "unit_test"]


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("beh_booth_visit,", "label_ja is empty"),
        (
            "beh_booth_visit,展示会ブース訪問\nbeh_booth_visit,ブース",
            "rule_id is used more than once",
        ),
    ],
    ids=["empty", "duplicate"],
)
def test_a_duplicate_or_empty_japanese_label_fails_the_build_naming_the_row(tmp_path, row, problem):
    project = copy_project(tmp_path / "project")
    edit_seed(project, "score_rule_labels_ja", "beh_booth_visit,展示会ブース訪問", row)
    result = run_dbt(
        ["build", *NO_UNIT_TESTS, "--select", "+stg_locale__rule_labels_ja"],
        tmp_path / "warehouse.duckdb",
        tmp_path,
        project,
    )
    assert result.returncode != 0
    assert (
        'Invalid scoring rule in seed score_rule_labels_ja, row rule_id="beh_booth_visit": '
        + problem
    ) in result.stdout


def test_an_unknown_locale_fails_naming_the_setting(tmp_path):
    result = run_dbt(
        ["compile", "--select", "sync_crm__lead_scores", "--vars", "{locale: fr}"],
        tmp_path / "warehouse.duckdb",
        tmp_path,
    )
    assert result.returncode != 0
    assert "LEAD_SCORING_LOCALE (dbt var locale) is 'fr': expected en or ja" in result.stdout
