"""Reading with the client: pages, page tokens past 2,000 records, If-Modified-Since, 204."""

from datetime import datetime, timedelta, timezone

import pytest

from tests.crm.helpers import BASE_TIME, lead, logged

JST = timezone(timedelta(hours=9))


def test_reads_past_2000_records_with_page_tokens(start_sandbox, make_client):
    server = start_sandbox(leads=2300)
    pages = list(make_client(server).iter_pages("Leads", ["Email", "Last_Name"]))
    assert [p.number for p in pages] == list(range(1, 13))
    assert [len(p.records) for p in pages] == [200] * 11 + [100]
    assert [p.page_token is not None for p in pages] == [False] * 10 + [True] * 2
    assert pages[10].source == "Leads page 11 (page_token)"
    ids = [record["id"] for page in pages for record in page.records]
    assert len(set(ids)) == 2300
    queries = [e["query"] for e in logged(server)]
    assert all("page" not in q and "page_token" in q for q in queries[10:])


def test_modified_since_reads_only_later_changes(sandbox, make_client):
    since = (BASE_TIME + timedelta(minutes=2)).astimezone(JST)  # same instant, Tokyo offset
    client = make_client(sandbox)
    records = list(client.iter_records("Leads", ["Email"], modified_since=since))
    assert sorted(r["id"] for r in records) == [lead(3)["id"], lead(4)["id"]]
    (entry,) = logged(sandbox)
    assert entry["status"] == 200


def test_nothing_to_read_is_no_pages_and_one_call(start_sandbox, make_client):
    server = start_sandbox()
    client = make_client(server)
    assert list(client.iter_pages("Leads", ["Email"])) == []
    assert client.metrics.api_calls == 1


def test_sorting_is_passed_through(sandbox, make_client):
    records = make_client(sandbox).iter_records("Leads", ["Modified_Time"], per_page=2)
    ids = [r["id"] for r in records]
    assert ids == [lead(n)["id"] for n in (4, 3, 2, 1, 0)]  # Zoho's default: id descending
    pages = make_client(sandbox).iter_pages(
        "Leads", ["Email"], sort_by="Modified_Time", sort_order="asc"
    )
    assert [r["id"] for p in pages for r in p.records] == [lead(n)["id"] for n in range(5)]


def test_bad_arguments_fail_before_any_call(sandbox, make_client):
    client = make_client(sandbox)
    with pytest.raises(ValueError, match="timezone-aware"):
        list(client.iter_pages("Leads", ["Email"], modified_since=datetime(2026, 11, 1)))
    with pytest.raises(ValueError, match="per_page"):
        list(client.iter_pages("Leads", ["Email"], per_page=250))
    assert client.metrics.api_calls == 0


def test_not_modified_304_reads_as_no_records(sandbox, make_client):
    since = BASE_TIME + timedelta(days=1)
    client = make_client(sandbox)
    assert list(client.iter_pages("Leads", ["Email"], modified_since=since)) == []
    (entry,) = logged(sandbox)
    assert entry["status"] == 304  # Zoho's answer, not 204
