"""Deleted and merged records through the API, as the v8 spec shapes them: the sandbox answers
GET /Leads/deleted, the client reads it page by page (its own module, beside the client)."""

from datetime import UTC, datetime, timedelta

import requests

from lead_scoring.crm.deleted_records import iter_deleted_pages
from tests.crm.helpers import lead, logged
from tests.crm.oas import assert_valid, spec

DELETED = "/crm/v8/{module_api_name}/deleted"


def _delete(client, *ids: str):
    return client.request("DELETE", "/crm/v8/Leads", params={"ids": ",".join(ids)})


def test_deleted_leads_are_read_back_in_the_specs_shape(start_sandbox, make_client):
    server = start_sandbox(leads=5)
    client = make_client(server)
    gone = [lead(1)["id"], lead(3)["id"]]
    assert _delete(client, *gone).status_code == 200

    pages = list(iter_deleted_pages(client, "Leads"))

    assert [r["id"] for p in pages for r in p.records] == gone
    assert {r["type"] for p in pages for r in p.records} == {"recycle"}
    body = next(e["response"] for e in logged(server) if e["path"].endswith("/deleted"))
    assert_valid(spec().response("record.json", DELETED, "get"), body)
    remaining = [r["id"] for r in client.iter_records("Leads", ["Email"])]
    assert sorted(remaining) == sorted(lead(n)["id"] for n in (0, 2, 4))


def test_no_deletions_since_a_time_is_an_empty_read(start_sandbox, make_client):
    server = start_sandbox(leads=2)
    client = make_client(server)
    _delete(client, lead(0)["id"])
    later = datetime.now(UTC) + timedelta(hours=1)
    assert list(iter_deleted_pages(client, "Leads", deleted_since=later)) == []


def test_a_merge_deletes_the_merged_lead_and_moves_its_calls(start_sandbox, make_client):
    server = start_sandbox(leads=3)
    client = make_client(server)
    survivor, merged = lead(0)["id"], lead(1)["id"]
    call = {
        "Subject": "Intro call",
        "Call_Type": "Outbound",
        "Call_Start_Time": "2026-11-19T10:00:00+09:00",
        "Call_Duration": "05:00",
        "What_Id": {"id": merged, "name": "Lead 1"},
        "$se_module": "Leads",
    }
    [created] = client.create_records("Calls", [call])
    answer = requests.post(
        f"{server.base_url}/__sandbox/merge",
        json={"module": "Leads", "survivor": survivor, "merged": [merged]},
        timeout=10,
    )

    assert answer.status_code == 200
    deleted = [r["id"] for p in iter_deleted_pages(client, "Leads") for r in p.records]
    assert deleted == [merged]
    calls = list(client.iter_records("Calls", ["What_Id"]))
    assert [c["What_Id"]["id"] for c in calls if c["id"] == created.id] == [survivor]
