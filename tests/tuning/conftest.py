"""One `lead-scoring fit` on a small generated warehouse, shared by the tests that read what
it wrote (the proposal, the report) and what it left alone (the live warehouse).

The live profile is the lesson's plus one exclusive group the data argues against: "some
visits" -5 and "5+ visits" +10 in 30 days. No visitor with a few sessions converts, so with
enough leads a fit wants "some visits" below -10, which on points alone would win the group
for every visitor, the frequent ones too (test_fit_command shows the engine doing that)."""

import contextlib
import hashlib
import io
import os
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from lead_scoring.cli import main
from lead_scoring.settings import DBT_PROJECT_DIR
from tests.dbt.dbt_helpers import run_dbt, vars_arg
from tests.dbt.generated_data import generate_into

SCORE_AS_OF = "2026-11-20T00:00:00"
VISITS_GROUP = (
    "beh_sessions_some,web_sessions,sessions,web_session,,,count,,1,,30,,,-5,"
    "Website: some visits in 30 days\n"
    "beh_sessions_many,web_sessions,sessions,web_session,,,count,,5,,30,,,10,"
    "Website: 5+ visits in 30 days\n"
)


@dataclass
class FitRun:
    warehouse: Path
    profile: Path
    out: Path
    exit_code: int
    stdout: str
    digest_before: str


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="package")
def fit_run(tmp_path_factory) -> FitRun:
    root = tmp_path_factory.mktemp("fit")
    profile = shutil.copytree(DBT_PROJECT_DIR / "profiles" / "lesson", root / "profile")
    with (profile / "score_behavior_rules.csv").open("a", encoding="utf-8") as rules:
        rules.write(VISITS_GROUP)
    # the setting is relative to the dbt project; the build gets a copy of its own to write in
    for_dbt = {"LEAD_SCORING_PROFILE_DIR": _setting(shutil.copytree(profile, root / "dbt_prof"))}
    warehouse = generate_into(root, leads=600, days=30, seed=11, end_date=date(2026, 11, 19))
    built = run_dbt(["build", "--exclude-resource-type", "unit_test", *vars_arg(SCORE_AS_OF)],
                    warehouse, root, extra_env=for_dbt)  # fmt: skip
    assert built.returncode == 0, built.stdout[-2000:]
    before = digest(warehouse)
    out = root / "fit"
    seen = io.StringIO()
    with pytest.MonkeyPatch.context() as env, contextlib.redirect_stdout(seen):
        env.setenv("LEAD_SCORING_DUCKDB", str(warehouse))
        env.setenv("LEAD_SCORING_PROFILE_DIR", _setting(profile))
        code = main(["fit", "--out", str(out)])
    return FitRun(warehouse, profile, out, code, seen.getvalue(), before)


def _setting(profile: Path) -> str:
    return os.path.relpath(profile, DBT_PROJECT_DIR)
