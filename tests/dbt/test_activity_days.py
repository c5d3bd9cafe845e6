"""The stored activities (int_activity_events) after a change of what cuts them: a new
session_gap_minutes makes the next incremental run rewrite every day, so the table equals a
full build under the new gap, and visits really changed."""

import shutil

from .conftest import SCORE_AS_OF
from .dbt_helpers import PROJECT, copy_project, query, run_dbt, seed_path

ACTIVITIES = """
    select activity_day, activity_source, anonymous_id, user_id, email, activity_type,
        activity_at, source_event_id, activity_version
    from intermediate.int_activity_events order by all
"""


def run_build(
    warehouse, work_dir, *args: str, gap_minutes=30, project=PROJECT, select="+int_activity_events"
):
    vars_ = f'{{score_as_of: "{SCORE_AS_OF}", session_gap_minutes: {gap_minutes}}}'
    # cautious: a test of a selected model that reads one not selected (lead_scores) waits
    selected = ["--select", select, "--indirect-selection", "cautious"]
    selected += ["--exclude-resource-type", "unit_test"]
    return run_dbt(["build", *selected, "--vars", vars_, *args], warehouse, work_dir, project)


def build(warehouse, work_dir, gap_minutes: int, *args: str):
    result = run_build(warehouse, work_dir, *args, gap_minutes=gap_minutes)
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


PAGE_VIEW_RULE = (
    "beh_page_views_30d,web_visits,,page_view,,,count,,2,,30,,,5,Two page views in 30 days"
)
PAGE_VIEWS = "select count(*) from intermediate.{} where activity_type = 'page_view'"


def test_a_rule_on_page_views_makes_the_next_run_store_them(tmp_path, raw_warehouse_template):
    nightly, fresh = tmp_path / "nightly.duckdb", tmp_path / "fresh.duckdb"
    shutil.copy(raw_warehouse_template, nightly)
    shutil.copy(raw_warehouse_template, fresh)
    first = run_build(nightly, tmp_path / "first", select="+int_lead_activities")
    assert first.returncode == 0, first.stdout[-3000:]
    # the lesson's rules read visits, not page views: none is stored
    assert query(nightly, PAGE_VIEWS.format("int_activity_events")) == [(0,)]

    project = copy_project(tmp_path / "project")
    rules = seed_path(project, "score_behavior_rules")
    rules.write_text(rules.read_text(encoding="utf-8") + PAGE_VIEW_RULE + "\n", encoding="utf-8")
    with_rule = {"project": project, "select": "+int_lead_activities"}

    # the rule is built, the stored activities are not: the activities stop and say why
    stale = run_build(nightly, tmp_path / "stale", "--exclude", "int_activity_events", **with_rule)
    assert stale.returncode != 0
    assert "was built when no behavior rule read page views" in stale.stdout
    assert query(nightly, PAGE_VIEWS.format("int_lead_activities")) == [(0,)]

    rerun = run_build(nightly, tmp_path / "second", **with_rule)
    full = run_build(fresh, tmp_path / "fresh", "--full-refresh", **with_rule)
    assert rerun.returncode == full.returncode == 0, rerun.stdout[-3000:] + full.stdout[-3000:]
    assert "rewriting every day" in rerun.stdout
    assert query(nightly, ACTIVITIES) == query(fresh, ACTIVITIES)
    assert query(nightly, PAGE_VIEWS.format("int_activity_events"))[0][0] > 0
    assert query(nightly, PAGE_VIEWS.format("int_lead_activities"))[0][0] > 0
