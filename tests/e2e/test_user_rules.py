"""A user's own rules never break the nightly run: a profile with an added rule and a changed
point value (both of which the lesson profile's unit tests would reject) runs the whole
nightly job, and the new rule scores."""

import os
import shutil
from unittest import mock

import duckdb

from lead_scoring import settings
from lead_scoring.run_report import failure_lines
from tests.e2e.conftest import pipeline_on

ADDED_RULE = "beh_email_opens_3,email_engagement,,email_open,,,count,,3,,30,,,4,Opened 3+ e-mails\n"


def test_the_nightly_job_runs_with_a_rule_the_user_added(tmp_path):
    profile = tmp_path / "my_profile"
    shutil.copytree(settings.DBT_PROJECT_DIR / "profiles" / "lesson", profile)
    rules = profile / "score_behavior_rules.csv"
    text = rules.read_text(encoding="utf-8")
    changed = text.replace(",0.5,20,Price list download", ",0.5,25,Price list download")
    assert changed != text
    rules.write_text(changed + ADDED_RULE, encoding="utf-8")

    with (
        # relative to dbt_project/, as dbt's seed-paths takes it
        mock.patch.dict(
            os.environ,
            {"LEAD_SCORING_PROFILE_DIR": os.path.relpath(profile, settings.DBT_PROJECT_DIR)},
        ),
        pipeline_on(tmp_path / "run", leads=150, days=30, seed=5) as pipeline,
    ):
        result = pipeline.run()
        assert result.success, failure_lines(result)
        with duckdb.connect(str(pipeline.warehouse), read_only=True) as con:
            points = dict(
                con.execute(
                    "select rule_id, max(points) from intermediate.int_lead_score_rule_hits "
                    "where rule_id in ('beh_email_opens_3', 'beh_download_price_list') "
                    "and reason not like '%days ago%' group by rule_id"
                ).fetchall()
            )
        assert points == {"beh_email_opens_3": 4, "beh_download_price_list": 25}
