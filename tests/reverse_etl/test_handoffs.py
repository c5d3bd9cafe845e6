"""On hand-off: the Priority tag and one follow-up task for the lead owner, due 24 hours later,
never twice for the same hand-off."""

from collections import Counter
from datetime import datetime

import duckdb

from tests.crm.helpers import lead
from tests.reverse_etl.conftest import LEADS
from tests.reverse_etl.helpers import (
    OWNER_ID,
    calls,
    crm_state,
    query,
    rehash,
    sync,
    update_payload,
)

PAYLOAD = "marts.sync_crm__lead_scores"
HOT = [lead(n)["id"] for n in range(0, LEADS, 5)]


def test_each_hot_lead_gets_the_priority_tag_and_one_task_for_its_owner(sandbox, warehouse):
    summary = sync(warehouse, sandbox, "run-1")

    leads, tasks = crm_state(sandbox)
    assert {i for i, record in leads.items() if record["tags"]} == set(HOT)
    assert all(leads[i]["tags"] == ["Priority"] for i in HOT)
    assert Counter(what_id for what_id, *_ in tasks.elements()) == Counter(HOT)
    (first,) = [t for t in tasks if t[0] == lead(0)["id"]]
    _, subject, due, owner, description, status = first
    assert subject == "Follow up: Company 0000 is sales-ready (score 75)"
    assert due == "2026-11-21"  # 2026-11-20 03:00 UTC + 24 h, in Tokyo
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


def _add_qualification(path, ready: list[str], handed_off_at: datetime) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute(f"alter table {PAYLOAD} add column is_sales_ready boolean default false")
        con.execute(f"alter table {PAYLOAD} add column handed_off_at timestamp")
        con.execute(
            f"update {PAYLOAD} set is_sales_ready = true, handed_off_at = ? "
            "where lead_id in (select unnest(?::varchar[]))",
            [handed_off_at, ready],
        )
        rehash(con)


def test_the_qualification_columns_replace_the_hot_rule_when_present(sandbox, warehouse):
    warm, hot = lead(1)["id"], lead(0)["id"]
    _add_qualification(warehouse, [warm], datetime(2026, 11, 21, 20, 0))

    sync(warehouse, sandbox, "run-1")
    update_payload(warehouse, "set handed_off_at = ? where lead_id = ?",
                   [datetime(2026, 12, 1, 1, 0), warm])  # recycled, qualified again  # fmt: skip
    sync(warehouse, sandbox, "run-2")

    leads, tasks = crm_state(sandbox)
    assert leads[warm]["tags"] == ["Priority"] and leads[hot]["tags"] == []
    assert sorted((t[0], t[2]) for t in tasks) == [(warm, "2026-11-23"), (warm, "2026-12-02")]
    rows = query(warehouse, "select count(*) from reverse_etl.crm_handoffs")
    assert rows == [(2,)]


def test_switching_to_the_qualification_model_does_not_hand_off_a_lead_again(sandbox, warehouse):
    hot = lead(0)["id"]
    sync(warehouse, sandbox, "run-1")  # Hot rule: handed off at the 2026-11-20 scoring
    _add_qualification(warehouse, [hot], datetime(2026, 11, 19, 9, 0))  # the model's time

    restated = sync(warehouse, sandbox, "run-2")
    update_payload(warehouse, "set handed_off_at = ? where lead_id = ?",
                   [datetime(2026, 12, 1, 1, 0), hot])  # recycled, qualified again  # fmt: skip
    later = sync(warehouse, sandbox, "run-3")

    assert (restated["handoffs_new"], later["handoffs_new"]) == (0, 1)
    _, tasks = crm_state(sandbox)
    assert sorted(t[2] for t in tasks.elements() if t[0] == hot) == ["2026-11-21", "2026-12-02"]
