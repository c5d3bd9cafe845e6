"""Case 7 of issue 11: nothing a rejected run wrote is read by a later run. A run scored in
the future is rejected by the history's blocking check; the next, correct run must pass and
publish, and the history must hold no row of the rejected run."""

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from tests.e2e.conftest import END_DATE
from tests.e2e.scenarios import published_run_id, scenario
from tests.reverse_etl.helpers import query

FUTURE = "2027-03-01T09:00:00"
# the generated events end on END_DATE: freshness is not what this test is about
NOT_STALE = {"LEAD_SCORING_FRESHNESS_HOURS": "1000000"}


def test_a_rejected_runs_history_is_rolled_back_before_the_next_run(generated, tmp_path):
    with scenario(tmp_path / "run", generated, LEAD_SCORING_SCORE_AS_OF=FUTURE, **NOT_STALE) as s:
        rejected = s.run()
        s.settings["LEAD_SCORING_SCORE_AS_OF"] = f"{END_DATE.isoformat()}T23:59:59"
        correct = s.run()
        days = query(s.warehouse, "select distinct snapshot_date from marts.lead_score_history")
        published = published_run_id(s.published) if s.published.exists() else set()

    assert not rejected.success
    failed = [e.step_key for e in rejected.all_events if e.event_type_value == "STEP_FAILURE"]
    assert failed and all(step.startswith("marts__") for step in failed), failed
    assert correct.success
    # the snapshot day is the scoring time's date in Asia/Tokyo (the schedule's zone)
    as_of = datetime.combine(END_DATE, time(23, 59, 59), tzinfo=UTC)
    assert [day for (day,) in days] == [as_of.astimezone(ZoneInfo("Asia/Tokyo")).date()]
    assert published == {correct.run_id}
