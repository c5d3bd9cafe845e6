"""More than 50 fields: read in groups of at most 50 per call, merged by id."""

from lead_scoring.crm.wide_reads import field_groups
from tests.crm.helpers import lead, logged

CUSTOM = [f"Custom_{n:02d}" for n in range(70)]


def test_field_groups_keep_order_and_cap_at_50():
    groups = field_groups(["Email", *CUSTOM, "Email"])
    assert [len(g) for g in groups] == [50, 21]
    assert groups[0][0] == "Email" and groups[1][-1] == "Custom_69"


def test_71_fields_come_back_merged_with_no_call_over_50(start_sandbox, make_client):
    server = start_sandbox(leads=250)
    client = make_client(server)
    records = [r for page in client.iter_pages("Leads", ["Email", *CUSTOM]) for r in page.records]
    assert len(records) == 250
    assert {r["id"] for r in records} == {lead(n)["id"] for n in range(250)}
    assert all(set(r) == {"id", "Email", *CUSTOM} for r in records)
    assert records[0]["Email"] == lead(249)["Email"]  # id descending, Zoho's default
    entries = logged(server)
    assert max(len(e["query"]["fields"].split(",")) for e in entries) == 50
    # 2 pages of 200 + 50; each page's other 21 fields by ids, 100 ids a call: 2 + 1 calls
    assert len(entries) == 2 + 3
    assert all(len(e["query"]["ids"].split(",")) <= 100 for e in entries if "ids" in e["query"])


def test_fifty_fields_or_fewer_take_one_call_per_page(sandbox, make_client):
    list(make_client(sandbox).iter_pages("Leads", CUSTOM[:50]))
    assert len(logged(sandbox)) == 1


def test_every_wide_read_request_uses_declared_parameters(start_sandbox, make_client):
    from tests.reverse_etl.test_spec import _query_problems

    server = start_sandbox(leads=3)
    list(make_client(server).iter_pages("Leads", ["Email", *CUSTOM]))
    for entry in logged(server):
        assert _query_problems("/crm/v8/{module_api_name}", "get", entry["query"]) == []
