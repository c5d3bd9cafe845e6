"""The stored activities (int_activity_events) after a change of what cuts them: a new
session_gap_minutes makes the next incremental run rewrite every day, so the table equals a
full build under the new gap, and visits really changed."""

import shutil

from .conftest import SCORE_AS_OF
from .dbt_helpers import query, run_dbt

ACTIVITIES = """
    select activity_day, activity_source, anonymous_id, user_id, email, activity_type,
        activity_at, source_event_id, activity_version
    from intermediate.int_activity_events order by all
"""


def build(warehouse, work_dir, gap_minutes: int, *args: str):
    vars_ = f'{{score_as_of: "{SCORE_AS_OF}", session_gap_minutes: {gap_minutes}}}'
    selected = ["--select", "+int_activity_events", "--exclude-resource-type", "unit_test"]
    result = run_dbt(["build", *selected, "--vars", vars_, *args], warehouse, work_dir)
    assert result.returncode == 0, result.stdout[-3000:]
    return result


def test_a_new_session_gap_rewrites_every_day(tmp_path, raw_warehouse_template):
    nightly, fresh = tmp_path / "nightly.duckdb", tmp_path / "fresh.duckdb"
    shutil.copy(raw_warehouse_template, nightly)
    shutil.copy(raw_warehouse_template, fresh)
    build(nightly, tmp_path / "first", 30)
    before = query(nightly, ACTIVITIES)
    rerun = build(nightly, tmp_path / "second", 1)
    build(fresh, tmp_path / "fresh", 1, "--full-refresh")

    after = query(nightly, ACTIVITIES)
    assert after == query(fresh, ACTIVITIES)
    assert "rewriting every day" in rerun.stdout

    def visits(rows):
        return sum(1 for row in rows if row[5] == "web_session")

    # page views a few minutes apart are one visit under a 30-minute gap, several under 1
    assert visits(after) > visits(before)
