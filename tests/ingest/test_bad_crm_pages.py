"""Bad CRM records and answers: a bad record is quarantined and the rest of its page loads; a
read that fails (HTTP 5xx after retries, CRM unreachable) keeps nothing and says why."""

import json

import pytest
import requests

from lead_scoring.crm import ZohoCrmClient, ZohoSettings
from lead_scoring.crm.sandbox import SandboxServer
from lead_scoring.ingest.crm_records import CRM_MODULES, load_crm_pages
from lead_scoring.ingest.errors import SchemaDriftError, SourceReadError
from tests.ingest.bad_inputs import Case, nothing_landed, quarantine, raw_rows, warehouse
from tests.ingest.test_crm_records import _lead

T = "2026-11-20T10:00:00+09:00"
CASES = {
    "wrong type": Case(
        [_lead("1", T), _lead("2", T, No_of_Employees="many")],
        {2: 'No_of_Employees is text "many", expected a whole number (BIGINT)'},
    ),
    "negative employee count": Case(
        [_lead("1", T), _lead("2", T, No_of_Employees=-5)],
        {2: "No_of_Employees is -5, below the minimum 0"},
    ),
    "negative budget": Case(
        [_lead("1", T), _lead("2", T, Estimated_Budget=-1.5)],
        {2: "Estimated_Budget is -1.5, below the minimum 0"},
    ),
    "missing id": Case([_lead("1", T), _lead(None, T)], {2: "id is missing"}),
    "Modified_Time that is not a time": Case(
        [_lead("1", T), _lead("2", "last week")],
        {2: 'Modified_Time is "last week", not an ISO 8601 time'},
    ),
    "Modified_Time in the future": Case(
        [_lead("1", T), _lead("2", "2030-01-01T00:00:00+09:00")],
        {2: "Modified_Time is 2030-01-01T00:00:00+09:00, in the future"},
    ),
    "lookup sent as text": Case(
        [_lead("1", T), _lead("2", T, Owner="Aiko")],
        {2: 'Owner is text "Aiko", expected an object like {"id", "name"}'},
    ),
    "boolean sent as text": Case(
        [_lead("1", T), _lead("2", T, Decision_Maker="yes")],
        {2: 'Decision_Maker is text "yes", expected true or false (BOOLEAN)'},
    ),
    "a null record": Case([_lead("1", T), None], {2: "record is null, expected a JSON object"}),
    "same version twice, other content": Case(
        [_lead("1", T), _lead("1", T, Company="Other")], {2: 'id/Modified_Time "c'}
    ),
    "same version twice, same content (pages shifted)": Case([_lead("1", T), _lead("1", T)]),
    "unknown industry (loaded: the score model gives it no points)": Case(
        [_lead("1", T), _lead("2", T, Industry="Aerospace")]
    ),
    "upper-case duplicate e-mail (a second lead: loaded, identity resolution merges)": Case(
        [_lead("1", T), _lead("2", T, Email="1@EXAMPLE.CO.JP")]
    ),
}


def _namespaced(index: int, record):
    """Each case's records get their own ids, so all cases share one page."""
    if isinstance(record, dict) and record.get("id") is not None:
        return {**record, "id": f"c{index}-{record['id']}"}
    return record


@pytest.fixture(scope="module")
def one_page_of_every_case():
    """All cases on one page (a CRM load costs ~0.5 s to plan), and a clean page of the good
    records alone; positions of each case's records on the page."""
    page, good, offsets = [], [], {}
    for index, (name, case) in enumerate(CASES.items()):
        offsets[name] = len(page)
        page += [_namespaced(index, r) for r in case.records]
        good += [_namespaced(index, r) for r in case.good()]
    with warehouse() as con, warehouse() as clean:
        result = load_crm_pages(con, "crm_leads", [("Leads page 1", page)], "load-1")
        load_crm_pages(clean, "crm_leads", [("Leads page 1", good)], "load-1")
        yield (
            quarantine(con),
            offsets,
            result,
            raw_rows(con, "crm_leads"),
            raw_rows(clean, "crm_leads"),
        )


@pytest.mark.parametrize("name", CASES.keys())
def test_a_bad_record_is_quarantined_and_the_rest_of_the_page_loads(name, one_page_of_every_case):
    reasons, offsets, _, _, _ = one_page_of_every_case
    case, offset = CASES[name], offsets[name]
    mine = {p - offset: r for p, r in reasons.items() if offset < p <= offset + len(case.records)}
    assert set(mine) == set(case.quarantined)
    for position, start in case.quarantined.items():
        assert mine[position].startswith(start), mine[position]


def test_raw_holds_exactly_the_good_records(one_page_of_every_case):
    reasons, _, result, raw, clean = one_page_of_every_case
    assert raw == clean
    assert (
        result.rows_quarantined == len(reasons) == sum(len(c.quarantined) for c in CASES.values())
    )


def test_a_zero_row_page_loads_nothing_and_is_reported():
    pages = [("Leads page 1", [_lead("1", T)]), ("Leads page 2", [])]
    with warehouse() as con:
        result = load_crm_pages(con, "crm_leads", pages, "load-1")
    assert (result.rows_inserted, result.sources, result.empty_sources) == (1, 2, ["Leads page 2"])


def test_a_field_the_crm_stopped_sending_or_retyped_stops_the_load():
    gone = [{k: v for k, v in _lead(str(i), T).items() if k != "No_of_Employees"} for i in range(3)]
    retyped = [_lead(str(i), T, No_of_Employees=str(100 + i)) for i in range(3)]
    with warehouse() as con:
        with pytest.raises(
            SchemaDriftError,
            match="crm_leads: source field 'No_of_Employees' is "
            r"missing from all 3 records; the raw contract expects a whole number",
        ):
            load_crm_pages(con, "crm_leads", [("Leads page 1", gone)], "load-1", where="Zoho")
        with pytest.raises(SchemaDriftError, match="'No_of_Employees' is text in all 3 records"):
            load_crm_pages(con, "crm_leads", [("Leads page 1", retyped)], "load-2")
        assert nothing_landed(con, "crm_leads")


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    root = tmp_path_factory.mktemp("crm")
    (root / "import").mkdir()
    leads = [_lead(f"640199300010000000{i}", T, Last_Name=f"L{i}") for i in range(3)]
    (root / "import" / "leads.jsonl").write_text("".join(json.dumps(r) + "\n" for r in leads))
    with SandboxServer(root / "crm.sqlite") as server:
        server.import_dir(root / "import")
        yield server


def _pages(client, module="Leads"):
    for page in client.iter_pages(module, list(CRM_MODULES["crm_leads"][1]), per_page=1):
        yield page.source, page.records


def test_a_page_that_keeps_answering_http_500_keeps_nothing(sandbox):
    settings = ZohoSettings.for_sandbox(sandbox.base_url, max_retries=1, backoff_base_seconds=0.01)
    config = f"{sandbox.base_url}/__sandbox/config"

    def failing_after_the_first_page(client):
        for number, page in enumerate(_pages(client), start=1):
            yield page
            if number == 1:
                requests.post(config, json={"error_rate": 1.0}, timeout=5)

    try:
        with warehouse() as con, ZohoCrmClient(settings) as client:
            with pytest.raises(SourceReadError) as raised:
                load_crm_pages(con, "crm_leads", failing_after_the_first_page(client), "load-1",
                               where=f"Zoho CRM Leads at {sandbox.base_url}")  # fmt: skip
            assert nothing_landed(con, "crm_leads")  # page 1 is read again next time
    finally:
        requests.post(config, json={"error_rate": 0.0}, timeout=5)
    message = str(raised.value)
    assert message.startswith("crm_leads: reading the CRM failed after 1 page(s): GET /crm/v8/")
    assert "failed after 2 attempts; last: HTTP 5" in message
    assert f"(Zoho CRM Leads at {sandbox.base_url})" in message
    assert message.endswith("Nothing from this load was kept; re-run once it is fixed.")


def test_an_unreachable_crm_keeps_nothing_and_names_the_setting():
    settings = ZohoSettings.for_sandbox("http://127.0.0.1:9", max_retries=0, timeout_seconds=2)
    with warehouse() as con, ZohoCrmClient(settings) as client:
        with pytest.raises(SourceReadError) as raised:
            load_crm_pages(con, "crm_leads", _pages(client), "load-1", where="Zoho CRM Leads")
        assert nothing_landed(con, "crm_leads")
    assert "reading the CRM failed after 0 page(s)" in str(raised.value)
    assert "connection error" in str(raised.value)
    assert "LEAD_SCORING_CRM_API_DOMAIN" in str(raised.value)


def test_good_pages_after_a_bad_record_still_land(sandbox):
    settings = ZohoSettings.for_sandbox(sandbox.base_url)
    with warehouse() as con, ZohoCrmClient(settings) as client:
        result = load_crm_pages(con, "crm_leads", _pages(client), "load-1")
        assert len(raw_rows(con, "crm_leads")) == 3
    assert (result.sources, result.rows_inserted) == (3, 3)
