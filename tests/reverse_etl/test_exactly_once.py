"""Follow-up tasks are created once per hand-off whatever happens between sending a create and
recording its answer: crash, 5xx after the CRM applied it, timeout."""

import pytest

from lead_scoring.crm import CrmError, ZohoCrmClient
from lead_scoring.reverse_etl import handoff_store
from tests.crm.helpers import configure, fast_settings, lead
from tests.reverse_etl.conftest import LEADS
from tests.reverse_etl.helpers import calls, crm_state, query, sync

HOT = LEADS // 5
STATES = "select task_state, count(*) from reverse_etl.crm_handoffs group by all order by all"
real_create = ZohoCrmClient.create_records


def _tasks_per_lead(sandbox) -> set[int]:
    _, tasks = crm_state(sandbox)
    per_lead = {}
    for task, count in tasks.items():
        per_lead[task[0]] = per_lead.get(task[0], 0) + count
    assert len(per_lead) == HOT
    return set(per_lead.values())


def test_a_create_is_sent_once_after_a_5xx_while_an_upsert_is_retried(sandbox):
    configure(sandbox, error_rate=1.0)
    client = ZohoCrmClient(fast_settings(sandbox, max_retries=3))
    task = {"Subject": "x", "What_Id": {"id": lead(1)["id"]}, "$se_module": "Leads"}
    with pytest.raises(CrmError, match="failed after 1 attempt; last: HTTP 50"):
        client.create_records("Tasks", [task])
    with pytest.raises(CrmError, match="failed after 4 attempts"):
        client.upsert("Leads", [{"id": lead(1)["id"], "Lead_Score": 1}])
    assert client.metrics.api_calls == 5


def test_a_crash_after_the_create_was_answered_is_settled_by_reading_the_crm(
    sandbox, warehouse, monkeypatch
):
    def crash(*args):
        raise KeyboardInterrupt  # the process dies before the answer is recorded

    with monkeypatch.context() as patch:
        patch.setattr(handoff_store, "set_task_done", crash)
        with pytest.raises(KeyboardInterrupt):
            sync(warehouse, sandbox, "run-1")
    assert query(warehouse, STATES) == [("in_flight", HOT)]

    waits = []
    summary = sync(warehouse, sandbox, "run-2", sleep=waits.append)

    assert summary["handoffs_tasks_recovered"] == HOT and summary["handoffs_tasks_created"] == 0
    assert len(calls(sandbox, "POST", "/Tasks")) == 1 and len(calls(sandbox, "GET", "/Tasks")) == 1
    assert _tasks_per_lead(sandbox) == {1}
    assert query(warehouse, STATES) == [("done", HOT)]
    found = "select count(*) from reverse_etl.crm_sync_ledger where crm_code = 'FOUND_IN_CRM'"
    assert query(warehouse, found) == [(HOT,)]
    assert 0 < waits[0] <= 10.0  # 2 x the 5 s timeout after the create was sent


@pytest.mark.parametrize("applied", [True, False])
def test_a_5xx_on_create_is_looked_up_in_the_same_run_then_sent_if_missing(
    sandbox, warehouse, monkeypatch, applied
):
    failures = []

    def flaky(self, module, records, **kwargs):
        if failures:
            return real_create(self, module, records, **kwargs)
        failures.append(1)
        if applied:
            real_create(self, module, records, **kwargs)
        raise CrmError("POST /crm/v8/Tasks failed", status=500, code="INTERNAL_ERROR")

    monkeypatch.setattr(ZohoCrmClient, "create_records", flaky)
    summary = sync(warehouse, sandbox, "run-1")

    assert _tasks_per_lead(sandbox) == {1}
    assert summary["handoffs_tasks_recovered"] == (HOT if applied else 0)
    assert summary["handoffs_tasks_created"] == (0 if applied else HOT)
    assert query(warehouse, STATES) == [("done", HOT)]


def test_a_timed_out_create_waits_for_the_next_run_and_is_found_there(
    sandbox, warehouse, monkeypatch
):
    def timed_out(self, module, records, **kwargs):
        real_create(self, module, records, **kwargs)  # the CRM did it; the answer never came
        raise CrmError("POST /crm/v8/Tasks failed after 1 attempt; last: no answer")

    with monkeypatch.context() as patch:
        patch.setattr(ZohoCrmClient, "create_records", timed_out)
        first = sync(warehouse, sandbox, "run-1")
    assert query(warehouse, STATES) == [("in_flight", HOT)]
    assert len(calls(sandbox, "GET", "/Tasks")) == 0  # the CRM may still be working on it

    second = sync(warehouse, sandbox, "run-2", sleep=lambda seconds: None)

    assert first["handoffs_open"] == HOT and second["handoffs_open"] == 0
    assert second["handoffs_tasks_recovered"] == HOT
    assert _tasks_per_lead(sandbox) == {1}
