"""The Bulk Read API in the client and the sandbox, against Zoho's bulk_read.json."""

from datetime import timedelta

import pytest

from lead_scoring.crm import CrmError
from tests.crm.helpers import BASE_TIME, api, lead, logged
from tests.crm.oas import Spec, assert_valid

CREATE = "/crm/bulk/v8/read"
STATUS = "/crm/bulk/v8/read/{job_id}"


def _bulk_read_relaxed(name: str, document: dict) -> None:
    """Where bulk_read.json contradicts Zoho's own bulk-read docs, follow the docs:
    - Query requires every property (cvid, page, criteria, file_type "ics"...); the docs
      require only `module`, and `page` and `page_token` exclude each other.
    - Criteria `value` is typed object; the docs send a date-time string for Modified_Time.
    - Job_Detail requires `result` (only present once COMPLETED) and Result requires
      `next_page_token` (absent on the last page, like Get Records' info).
    - Minified_Module and Minified_Field require an `id`; the docs name them by api_name.
    """
    if name in ("modules.json", "fields.json"):
        schema = "Minified_Module" if name == "modules.json" else "Minified_Field"
        document["components"]["schemas"][schema]["required"] = ["api_name"]
    if name != "bulk_read.json":
        return
    schemas = document["components"]["schemas"]
    schemas["Query"]["required"] = ["module"]
    schemas["Criteria"]["properties"]["value"] = {}
    schemas["Job_Detail"]["required"].remove("result")
    schemas["Result"]["required"].remove("next_page_token")


@pytest.fixture(scope="module")
def bulk_spec():
    return Spec(patch=_bulk_read_relaxed)


def test_a_job_pages_through_more_records_with_next_page_token(start_sandbox, make_client):
    server = start_sandbox(leads=7, bulk_read_page_size=3, bulk_read_polls=2)
    pages = list(
        make_client(server).iter_bulk_pages(
            "Leads", ["Email", "Owner", "Last_Name"], poll_seconds=0
        )
    )
    records = [r for p in pages for r in p.records]
    assert [r["id"] for r in records] == [lead(n)["id"] for n in range(7)]  # id ascending
    assert records[0] == {"id": lead(0)["id"], "Email": lead(0)["Email"], "Owner": "",
                          "Last_Name": "Lead 0"}  # fmt: skip
    creates = [e for e in logged(server) if e["method"] == "POST"]
    assert len(creates) == 3  # 3 + 3 + 1 records
    assert "page" in creates[0]["body"]["query"] and "page_token" in creates[1]["body"]["query"]
    polls = [e for e in logged(server) if e["method"] == "GET" and e["path"].count("/") == 5]
    assert len(polls) == 3 * 3  # IN PROGRESS twice, then COMPLETED, per job
    assert pages[0].source.startswith("Leads bulk read job ")


def test_modified_since_becomes_a_criteria(sandbox, make_client):
    since = BASE_TIME + timedelta(minutes=2)
    pages = make_client(sandbox).iter_bulk_pages(
        "Leads", ["Email"], modified_since=since, poll_seconds=0
    )
    assert sorted(r["id"] for p in pages for r in p.records) == [lead(3)["id"], lead(4)["id"]]


def test_every_bulk_request_and_answer_matches_the_spec(start_sandbox, make_client, bulk_spec):
    server = start_sandbox(leads=5, bulk_read_page_size=3)
    since = BASE_TIME - timedelta(days=1)
    list(
        make_client(server).iter_bulk_pages(
            "Leads", ["Email"], modified_since=since, poll_seconds=0
        )
    )
    entries = logged(server, "/crm/bulk/")
    for entry in entries:
        if entry["method"] == "POST":
            assert_valid(bulk_spec.request("bulk_read.json", CREATE, "post"), entry["body"])
            assert entry["status"] == 201
            assert_valid(bulk_spec.response("bulk_read.json", CREATE, "post", "201"),
                         entry["response"])  # fmt: skip
        elif not entry["path"].endswith("/result"):
            assert_valid(bulk_spec.response("bulk_read.json", STATUS, "get"), entry["response"])
    assert {e["status"] for e in entries if e["path"].endswith("/result")} == {200}


def test_unknown_job_is_a_resource_not_found(sandbox, bulk_spec):
    response = api(sandbox, "GET", "../bulk/v8/read/123")
    assert response.status_code == 404
    assert_valid(bulk_spec.response("bulk_read.json", STATUS, "get", "404"), response.json())


def test_an_unsupported_criteria_is_refused_clearly(sandbox, make_client):
    client = make_client(sandbox)
    body = {"query": {"module": {"api_name": "Leads"}, "criteria": {"comparator": "equal"}}}
    response = client.request("POST", CREATE, json=body)
    assert (response.status_code, response.json()["code"]) == (400, "INVALID_CRITERIA")
    with pytest.raises(CrmError, match="MODULE_NOT_AVAILABLE"):
        list(client.iter_bulk_pages("Deals", ["Email"]))
