"""Case 6 of issue 11: a lead deleted in the CRM leaves the marts, the BI snapshot and the sync
set (its history stays, marked deleted); a lead merged into another is deleted by the merge and
its calls follow the survivor. Nothing is sent for either afterwards."""

from datetime import timedelta

import pytest
import requests

from lead_scoring.crm import ZohoCrmClient, ZohoSettings
from tests.e2e.conftest import END_DATE
from tests.e2e.scenarios import scenario
from tests.reverse_etl.helpers import calls, query


def _ids(path, sql: str) -> set[str]:
    return {row[0] for row in query(path, sql)}


@pytest.fixture(scope="module")
def after_deletions(generated, tmp_path_factory):
    with scenario(tmp_path_factory.mktemp("deletions"), generated) as s:
        assert s.run().success
        scores = dict(query(s.warehouse, "select lead_id, total_score from marts.lead_scores"))
        with_calls = query(
            s.warehouse,
            "select lead_id, list(call_id order by call_id) from staging.stg_zoho__calls "
            "where lead_id is not null group by 1 order by 1 limit 1",
        )
        ((merged, merged_calls),) = with_calls
        survivor = next(i for i in sorted(scores) if i != merged)
        deleted = next(i for i in sorted(scores, reverse=True) if i not in (merged, survivor))
        with ZohoCrmClient(ZohoSettings.for_sandbox(s.sandbox.base_url)) as client:
            answer = client.request("DELETE", "/crm/v8/Leads", params={"ids": deleted})
        assert answer.status_code == 200, answer.text
        merge = requests.post(
            f"{s.sandbox.base_url}/__sandbox/merge",
            json={"module": "Leads", "survivor": survivor, "merged": [merged]},
            timeout=10,
        )
        assert merge.status_code == 200, merge.text
        before = len(calls(s.sandbox))
        # the next night: a run on the same day would replace that day's history snapshot
        s.settings["LEAD_SCORING_SCORE_AS_OF"] = f"{END_DATE + timedelta(days=1)}T23:59:59"
        result = s.run()
        yield {
            "result": result,
            "scenario": s,
            "gone": {deleted, merged},
            "survivor": survivor,
            "merged_calls": merged_calls,
            "scores": scores,
            "sent_after": calls(s.sandbox)[before:],
        }


def test_deleted_and_merged_leads_leave_the_marts_the_snapshot_and_the_sync_set(after_deletions):
    s, gone = after_deletions["scenario"], after_deletions["gone"]
    assert after_deletions["result"].success
    for model in ("lead_scores", "lead_qualification", "sync_crm__lead_scores"):
        assert not gone & _ids(s.warehouse, f"select lead_id from marts.{model}"), model
    assert not gone & _ids(s.published, "select lead_id from marts.lead_scores")


def test_their_history_stays_and_says_they_were_deleted(after_deletions):
    s, gone, scores = (
        after_deletions["scenario"],
        after_deletions["gone"],
        after_deletions["scores"],
    )
    rows = query(s.warehouse, "select lead_id, last_total_score from marts.lead_deletions")
    assert dict(rows) == {lead: scores[lead] for lead in gone}
    assert gone <= _ids(s.warehouse, "select lead_id from marts.lead_score_history")


def test_the_merged_leads_calls_follow_the_survivor(after_deletions):
    s = after_deletions["scenario"]
    moved = query(
        s.warehouse,
        "select distinct lead_id from staging.stg_zoho__calls where call_id in "
        f"(select unnest({after_deletions['merged_calls']!r}::varchar[]))",
    )
    assert moved == [(after_deletions["survivor"],)]


def test_nothing_is_sent_for_a_lead_that_left_the_crm(after_deletions):
    gone = after_deletions["gone"]
    bodies = [str(e.get("body")) for e in after_deletions["sent_after"] if e["method"] == "POST"]
    assert not [body for body in bodies if any(lead in body for lead in gone)]
