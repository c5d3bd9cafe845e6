"""On hand-off: the Priority tag and one follow-up task for the lead owner, due when the
hand-off's SLA ends (the model's follow_up_due_at), never twice for the same hand-off."""

from collections import Counter
from datetime import datetime, timedelta

from tests.crm.helpers import lead
from tests.reverse_etl.conftest import LEADS
from tests.reverse_etl.helpers import (
    OWNER_ID,
    calls,
    crm_state,
    query,
    sync,
    update_payload,
)

HOT = [lead(n)["id"] for n in range(0, LEADS, 5)]


def test_each_sales_ready_lead_gets_the_priority_tag_and_one_task_for_its_owner(sandbox, warehouse):
    summary = sync(warehouse, sandbox, "run-1")

    leads, tasks = crm_state(sandbox)
    assert {i for i, record in leads.items() if record["tags"]} == set(HOT)
    assert all(leads[i]["tags"] == ["Priority"] for i in HOT)
    assert Counter(what_id for what_id, *_ in tasks.elements()) == Counter(HOT)
    (first,) = [t for t in tasks if t[0] == lead(0)["id"]]
    _, subject, due, owner, description, status = first
    assert subject == "Follow up: Company 0000 is sales-ready (score 75)"
    assert due == "2026-11-20"  # handed off 2026-11-19 09:00 UTC + 24 h = 18:00 in Tokyo
    assert (owner, status) == (OWNER_ID, "Not Started")
    assert "- Title: department head +40\n- Price list download +35" in description
    assert len(calls(sandbox, "POST", "/add_tags")) == len(calls(sandbox, "POST", "/Tasks")) == 1
    assert (summary["handoffs_new"], summary["handoffs_tasks_created"]) == (len(HOT), len(HOT))
    assert summary["handoffs_tags_added"] == len(HOT) and summary["handoffs_open"] == 0


def test_re_runs_and_score_changes_do_not_hand_off_again(sandbox, warehouse):
    sync(warehouse, sandbox, "run-1")
    update_payload(warehouse, "set lead_score = 90 where lead_id = ?", [HOT[0]])

    summary = sync(warehouse, sandbox, "run-2")
    sync(warehouse, sandbox, "run-3")

    assert summary["sent"] == 1 and summary["handoffs_new"] == 0
    assert len(calls(sandbox, "POST", "/add_tags")) == len(calls(sandbox, "POST", "/Tasks")) == 1
    _, tasks = crm_state(sandbox)
    assert sum(tasks.values()) == len(HOT)


def test_the_task_is_due_when_the_model_says_the_sla_ends(sandbox, warehouse):
    # a 48-hour SLA in dbt (var sla_first_contact_hours) moves the due time; Python adds none
    update_payload(
        warehouse,
        "set follow_up_due_at = handed_off_at + interval 48 hour where lead_id = ?",
        [HOT[0]],
    )

    sync(warehouse, sandbox, "run-1")

    _, tasks = crm_state(sandbox)
    due = {t[0]: t[2] for t in tasks}
    assert (due[HOT[0]], due[HOT[1]]) == ("2026-11-21", "2026-11-20")  # 09:00 UTC = 18:00 Tokyo


def test_a_hot_lead_that_is_not_sales_ready_is_not_handed_off(sandbox, warehouse):
    update_payload(
        warehouse,
        "set lead_score = 95, lead_tier = 'Hot', lifecycle_stage = 'sql', is_sales_ready = false"
        " where lead_id = ?",
        [HOT[0]],
    )

    summary = sync(warehouse, sandbox, "run-1")

    leads, tasks = crm_state(sandbox)
    assert leads[HOT[0]]["tags"] == [] and HOT[0] not in {t[0] for t in tasks}
    assert summary["handoffs_new"] == len(HOT) - 1


def test_a_lead_recycled_and_handed_off_again_gets_a_new_task(sandbox, warehouse):
    again = datetime(2026, 12, 1, 1, 0)  # UTC, 10:00 in Tokyo
    sync(warehouse, sandbox, "run-1")
    update_payload(
        warehouse,
        "set handed_off_at = ?, follow_up_due_at = ? where lead_id = ?",
        [again, again + timedelta(hours=24), HOT[0]],
    )

    summary = sync(warehouse, sandbox, "run-2")

    assert summary["handoffs_new"] == 1
    _, tasks = crm_state(sandbox)
    assert sorted(t[2] for t in tasks.elements() if t[0] == HOT[0]) == ["2026-11-20", "2026-12-02"]
    assert query(warehouse, "select count(*) from reverse_etl.crm_handoffs") == [(len(HOT) + 1,)]


def test_a_model_that_restates_an_earlier_hand_off_time_does_not_hand_off_again(sandbox, warehouse):
    sync(warehouse, sandbox, "run-1")
    update_payload(
        warehouse, "set handed_off_at = ? where lead_id = ?", [datetime(2026, 11, 18, 9), HOT[0]]
    )

    restated = sync(warehouse, sandbox, "run-2")

    assert restated["handoffs_new"] == 0
    _, tasks = crm_state(sandbox)
    assert sum(1 for t in tasks.elements() if t[0] == HOT[0]) == 1
