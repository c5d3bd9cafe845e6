"""The scoring time of a run: a whole day boundary in the schedule's zone, so the same data
scores the same however often it runs that day. The expected instants are computed here with
zoneinfo, independently of the dbt macro (which uses pytz)."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from lead_scoring.config.model import Settings

from .dbt_helpers import run_dbt

INLINE = "select {{ score_as_of() }} as scored_as_of, {{ snapshot_date() }} as snapshot_day"


def compiled(tmp_path, **env) -> str:
    result = run_dbt(
        ["compile", "--quiet", "--inline", INLINE], tmp_path / "w.duckdb", tmp_path, extra_env=env
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result.stdout


def day_start_utc(day: date, zone: str) -> str:
    start = datetime.combine(day, time(0), tzinfo=ZoneInfo(zone)).astimezone(UTC)
    return start.strftime("%Y-%m-%dT%H:%M:%S")


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/New_York"])
def test_a_run_without_a_score_time_scores_as_of_the_start_of_its_day(tmp_path, zone):
    # the day is read before and after dbt runs: a run that crosses midnight may see either
    days = {datetime.now(ZoneInfo(zone)).date()}
    sql = compiled(tmp_path, LEAD_SCORING_SCORE_AS_OF="", LEAD_SCORING_TIMEZONE=zone)
    days.add(datetime.now(ZoneInfo(zone)).date())

    assert any(f"'{day_start_utc(day, zone)}'" in sql for day in days), sql
    assert ":59:59" not in sql


def test_a_date_means_the_start_of_that_day_in_the_schedules_zone(tmp_path):
    sql = compiled(
        tmp_path, LEAD_SCORING_SCORE_AS_OF="2026-11-20", LEAD_SCORING_TIMEZONE="Asia/Tokyo"
    )

    assert "'2026-11-19T15:00:00'" in sql  # midnight in Tokyo is 15:00 UTC the day before
    assert "'Asia/Tokyo'" in sql  # the snapshot's day is read in the same zone


def test_an_explicit_instant_is_kept_as_given(tmp_path):
    sql = compiled(
        tmp_path, LEAD_SCORING_SCORE_AS_OF="2026-11-20T09:30:00", LEAD_SCORING_TIMEZONE="UTC"
    )

    assert "'2026-11-20T09:30:00'" in sql


def test_the_macros_default_zone_is_the_settings_default(tmp_path):
    default = Settings.model_fields["timezone"].default
    env = {"LEAD_SCORING_SCORE_AS_OF": "2026-11-20", "LEAD_SCORING_TIMEZONE": ""}

    assert f"'{day_start_utc(date(2026, 11, 20), default)}'" in compiled(tmp_path, **env)
