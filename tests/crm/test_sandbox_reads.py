"""GET /crm/v8/{module}: fields, paging, page tokens, If-Modified-Since, 204 and 304."""

from tests.crm.helpers import api, lead


def _get(server, module="Leads", headers=None, **params):
    return api(server, "GET", module, params={"fields": "Email", **params}, headers=headers or {})


def test_fields_parameter_is_required(sandbox):
    response = api(sandbox, "GET", "Leads")
    assert response.status_code == 400
    assert response.json()["code"] == "REQUIRED_PARAM_MISSING"
    assert response.json()["details"] == {"param": "fields"}


def test_only_requested_fields_and_id_come_back(sandbox):
    data = _get(sandbox, fields="Email,Lead_Score", per_page=1).json()["data"]
    assert data == [{"id": lead(4)["id"], "Email": lead(4)["Email"], "Lead_Score": None}]


def test_no_records_is_204_with_an_empty_body(start_sandbox):
    response = _get(start_sandbox())
    assert response.status_code == 204
    assert response.content == b""


def test_info_describes_the_page(sandbox):
    info = _get(sandbox, per_page=2, page=2).json()["info"]
    assert info["page"] == 2 and info["per_page"] == 2 and info["count"] == 2
    assert info["more_records"] is True and info["next_page_token"]
    assert (info["sort_by"], info["sort_order"]) == ("id", "desc")


def test_per_page_is_capped_at_200(sandbox):
    assert _get(sandbox, per_page=201).status_code == 400
    assert _get(sandbox).json()["info"]["per_page"] == 200


def test_discrete_pages_stop_at_2000_records_then_page_token_continues(start_sandbox):
    server = start_sandbox(leads=25)
    assert _get(server, per_page=2, page=1000).status_code == 204  # allowed, just empty
    refused = _get(server, per_page=2, page=1001)
    assert refused.status_code == 400
    assert refused.json()["code"] == "DISCRETE_PAGINATION_LIMIT_EXCEEDED"
    first = _get(server, per_page=10).json()
    second = _get(server, page_token=first["info"]["next_page_token"]).json()
    assert second["info"]["page"] == 2
    assert second["info"]["previous_page_token"] == first["info"]["next_page_token"]
    ids = [r["id"] for r in first["data"] + second["data"]]
    assert len(set(ids)) == 20


def test_unknown_page_token_is_refused(sandbox):
    response = _get(sandbox, page_token="not-a-token")
    assert response.status_code == 400
    assert response.json()["details"] == {"param_name": "page_token"}


def test_if_modified_since_keeps_later_changes_only(sandbox):
    # leads 0..4 were modified at 00:00..00:04 UTC; 09:02 in Tokyo is 00:02 UTC
    headers = {"If-Modified-Since": "2026-11-01T09:02:00+09:00"}
    data = _get(sandbox, headers=headers, sort_by="Modified_Time", sort_order="asc").json()["data"]
    assert [r["id"] for r in data] == [lead(3)["id"], lead(4)["id"]]
    later = _get(sandbox, headers={"If-Modified-Since": "2026-11-02T00:00:00+00:00"})
    assert later.status_code == 304  # Zoho: Not Modified, with no body
    assert later.content == b""


def test_if_modified_since_needs_an_offset(sandbox):
    assert _get(sandbox, headers={"If-Modified-Since": "2026-11-01T00:00:00"}).status_code == 400


def test_ids_parameter_selects_records(sandbox):
    data = _get(sandbox, ids=f"{lead(1)['id']},{lead(3)['id']}").json()["data"]
    assert sorted(r["id"] for r in data) == [lead(1)["id"], lead(3)["id"]]


def test_unknown_module_is_refused(sandbox):
    assert _get(sandbox, module="Deals").json()["code"] == "INVALID_MODULE"
