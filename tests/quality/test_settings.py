"""A bad value for a data-gate setting names the variable, what it should be, and where to fix."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from lead_scoring import settings
from lead_scoring.quality.parameters import scoring_time


@pytest.mark.parametrize(
    ("variable", "value", "read"),
    [
        ("LEAD_SCORING_QUARANTINE_MAX_RATE", "1%", settings.quarantine_max_rate),
        ("LEAD_SCORING_QUARANTINE_MAX_RATE", "2", settings.quarantine_max_rate),
        ("LEAD_SCORING_ROW_COUNT_MAX_CHANGE", "-0.5", settings.row_count_max_change),
        ("LEAD_SCORING_FRESHNESS_HOURS", "two days", settings.freshness_hours),
        ("LEAD_SCORING_MAX_RECORD_BYTES", "1MB", settings.max_record_bytes),
    ],
)
def test_a_bad_value_is_named_with_the_fix(variable, value, read, monkeypatch):
    monkeypatch.setenv(variable, value)
    with pytest.raises(settings.ConfigError) as raised:
        read()
    message = str(raised.value)
    assert message.startswith(f"{variable}={value!r} is not usable: ")
    assert f"A good value: {variable}=" in message and "see .env.example" in message
    assert "\n" not in message


def test_defaults_apply_when_unset_or_empty(monkeypatch):
    monkeypatch.setenv("LEAD_SCORING_QUARANTINE_MAX_RATE", "")
    monkeypatch.delenv("LEAD_SCORING_FRESHNESS_HOURS", raising=False)
    assert (settings.quarantine_max_rate(), settings.freshness_hours()) == (0.01, 48.0)


def test_the_bi_snapshot_lives_beside_the_warehouse_and_never_on_it(monkeypatch, tmp_path):
    monkeypatch.delenv("LEAD_SCORING_PUBLISHED_DUCKDB", raising=False)
    warehouse = tmp_path / "warehouse.duckdb"
    assert settings.published_duckdb_path(warehouse) == tmp_path / "published" / "warehouse.duckdb"
    monkeypatch.setenv("LEAD_SCORING_PUBLISHED_DUCKDB", str(warehouse))
    with pytest.raises(settings.ConfigError, match="the BI snapshot must be a separate file"):
        settings.published_duckdb_path(warehouse)


def test_the_default_snapshot_is_data_published(monkeypatch):
    monkeypatch.delenv("LEAD_SCORING_PUBLISHED_DUCKDB", raising=False)
    monkeypatch.delenv("LEAD_SCORING_DUCKDB", raising=False)
    assert (
        settings.published_duckdb_path()
        == Path(settings.PROJECT_ROOT) / "data/published/warehouse.duckdb"
    )


def test_a_scoring_time_that_is_not_iso_is_named(monkeypatch):
    monkeypatch.setenv("LEAD_SCORING_SCORE_AS_OF", "20/11/2026")
    with pytest.raises(settings.ConfigError, match="LEAD_SCORING_SCORE_AS_OF='20/11/2026' is not"):
        scoring_time()


def test_a_scoring_date_is_the_start_of_that_day_in_the_schedules_zone(monkeypatch):
    # as dbt's score_as_of reads it (tests/dbt/test_score_time.py): 15:00 UTC the day before
    monkeypatch.setenv("LEAD_SCORING_SCORE_AS_OF", "2026-11-20")
    monkeypatch.setenv("LEAD_SCORING_TIMEZONE", "Asia/Tokyo")
    assert scoring_time().astimezone(UTC) == datetime(2026, 11, 19, 15, tzinfo=UTC)
