"""A new score time is no reason for dbt to parse the project again: runs pass it in the
environment (LEAD_SCORING_SCORE_AS_OF, read by the macro only when executing), so the second
invocation of a run setup reads dbt's saved parse. A --vars change, the old way, re-parses all
(the contrast shows the log check can fail)."""

import os
import shutil
import subprocess

import pytest

from tests.dbt.dbt_helpers import DBT, PROJECT

FIRST, SECOND = "2026-11-21T02:00:00", "2026-11-22T02:00:00"
PARTIAL = "Partial parsing enabled"
FULL = "Unable to do partial parsing"


def dbt(args: list[str], work, warehouse, score_as_of: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DBT_PROJECT_DIR": str(PROJECT),
        "DBT_PROFILES_DIR": str(PROJECT),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "LEAD_SCORING_DUCKDB": str(warehouse),
        "LEAD_SCORING_SCORE_AS_OF": score_as_of,
    }
    env.pop("DBT_TARGET_PATH", None)
    command = [str(DBT), *args, "--target-path", str(work / "target")]
    command += ["--log-path", str(work / "logs")]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def parsed_once(tmp_path_factory):
    """A run setup after its first dbt invocation: the saved parse is in its target folder."""
    root = tmp_path_factory.mktemp("parsed")
    result = dbt(["parse"], root / "first", root / "warehouse.duckdb", FIRST)
    assert result.returncode == 0, result.stdout
    assert FULL in (root / "first" / "logs" / "dbt.log").read_text()
    return root


def second_invocation(parsed_once, tmp_path, extra: list[str]) -> str:
    shutil.copytree(parsed_once / "first" / "target", tmp_path / "target")
    result = dbt(["parse", *extra], tmp_path, parsed_once / "warehouse.duckdb", SECOND)
    assert result.returncode == 0, result.stdout
    return (tmp_path / "logs" / "dbt.log").read_text()


def test_a_new_score_time_keeps_partial_parsing(parsed_once, tmp_path):
    log = second_invocation(parsed_once, tmp_path, [])
    assert PARTIAL in log and FULL not in log


def test_a_new_vars_value_would_parse_everything_again(parsed_once, tmp_path):
    log = second_invocation(parsed_once, tmp_path, ["--vars", f'{{score_as_of: "{SECOND}"}}'])
    assert FULL in log


def test_the_macro_reads_the_score_time_from_the_environment(parsed_once, tmp_path):
    inline = "select {{ score_as_of() }} as scored_at"
    result = dbt(
        ["compile", "--inline", inline], tmp_path, parsed_once / "warehouse.duckdb", SECOND
    )
    assert result.returncode == 0, result.stdout
    assert f"'{SECOND}'" in result.stdout
