"""Writing with the client: per-record results, the 100-record limit, batches, tasks, tags."""

import pytest

from lead_scoring.crm import CrmBatchTooLarge, CrmError
from lead_scoring.crm.batching import run_batches
from lead_scoring.crm.results import RecordResult
from tests.crm.helpers import lead, logged


def test_upsert_returns_one_result_per_record_in_order(sandbox, make_client):
    results = make_client(sandbox).upsert(
        "Leads",
        [
            {"id": lead(1)["id"], "Lead_Score": 72, "Lead_Tier": "Hot"},
            {"Email": lead(2)["Email"], "Lead_Score": 35},
            {"Last_Name": "New", "Email": "new@example.jp", "Lead_Score": 5},
            {"id": lead(3)["id"], "Lead_Tier": "Scorching"},
        ],
    )
    assert [(r.ok, r.action, r.code) for r in results] == [
        (True, "update", "SUCCESS"),
        (True, "update", "SUCCESS"),
        (True, "insert", "SUCCESS"),
        (False, None, "INVALID_DATA"),
    ]
    assert results[0].id == lead(1)["id"] and results[1].id == lead(2)["id"]
    assert results[3].details["api_name"] == "Lead_Tier"
    assert {r.http_status for r in results} == {207}


def test_all_records_refused_still_gives_per_record_results(sandbox, make_client):
    (result,) = make_client(sandbox).upsert("Leads", [{"Email": "x@example.jp"}])
    assert (result.ok, result.code, result.http_status) == (False, "MANDATORY_NOT_FOUND", 400)


def test_duplicate_check_fields_are_sent(sandbox, make_client):
    make_client(sandbox).upsert("Leads", [{"id": lead(1)["id"]}], duplicate_check_fields=["Email"])
    assert logged(sandbox)[0]["body"]["duplicate_check_fields"] == ["Email"]


def test_more_than_100_records_raise_before_any_call(sandbox, make_client):
    client = make_client(sandbox)
    with pytest.raises(CrmBatchTooLarge, match="at most 100 records per call, got 101"):
        client.upsert("Leads", [{"Last_Name": str(i)} for i in range(101)])
    assert client.metrics.api_calls == 0 and logged(sandbox) == []


def test_nothing_to_write_makes_no_call(sandbox, make_client):
    client = make_client(sandbox)
    assert client.upsert("Leads", []) == []
    assert client.metrics.api_calls == 0


def test_a_request_level_error_raises_with_zohos_code(sandbox, make_client):
    with pytest.raises(
        CrmError, match="POST /crm/v8/Deals/upsert answered HTTP 400 INVALID_MODULE"
    ):
        make_client(sandbox).upsert("Deals", [{"Deal_Name": "x"}])


def test_upsert_all_sends_ceil_n_over_100_calls(sandbox, make_client):
    client = make_client(sandbox, max_workers=3)
    records = [{"Last_Name": f"N{i}", "Email": f"n{i}@example.jp"} for i in range(250)]
    batches = client.upsert_all("Leads", records)
    assert [len(b.records) for b in batches] == [100, 100, 50]
    assert all(b.ok for b in batches) and client.metrics.api_calls == 3
    assert len(list(client.iter_records("Leads", ["Email"]))) == 255


def test_a_failed_batch_is_reported_and_the_others_still_run():
    def send(batch):
        if batch[0]["n"] == 1:
            raise CrmError("POST /crm/v8/Leads/upsert failed after 6 attempts; last: HTTP 503")
        return [RecordResult.from_answer({"status": "success", "code": "SUCCESS"}) for _ in batch]

    batches = [[{"n": 0}], [{"n": 1}], [{"n": 2}]]
    outcome = run_batches(send, batches, max_workers=2)
    assert [b.index for b in outcome] == [0, 1, 2]
    assert [b.ok for b in outcome] == [True, False, True]
    assert "HTTP 503" in str(outcome[1].error)


def test_create_task_and_tag_a_lead(sandbox, make_client):
    client = make_client(sandbox)
    task = {
        "Subject": "Hand-off: call within 24 h",
        "Due_Date": "2026-11-21",
        "What_Id": {"id": lead(1)["id"]},
        "$se_module": "Leads",
        "Owner": {"id": "5725767000000411001"},
        "Status": "Not Started",
        "Priority": "High",
        "Description": "Score 72 (Hot)",
    }
    (created,) = client.create_records("Tasks", [task])
    assert created.ok and created.http_status == 201
    tagged = client.add_tags("Leads", [lead(1)["id"], "404"], ["Priority"])
    assert [r.ok for r in tagged] == [True, False]
    assert tagged[0].details["tags"][0]["name"] == "Priority"
