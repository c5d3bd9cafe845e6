"""API credits as Zoho prices each call, counted per client, and the budget that stops a run."""

import pytest

from lead_scoring.crm import CrmCreditBudgetExceeded
from lead_scoring.crm.credits import call_credits, write_credits
from lead_scoring.crm.settings import ZohoSettings
from lead_scoring.ingest.credit_log import allowance, record
from lead_scoring.ingest.crm_reads import crm_pages
from lead_scoring.ingest.crm_records import CRM_CONTRACTS, CRM_MODULES, load_crm_pages
from lead_scoring.ingest.errors import SourceReadError
from lead_scoring.ingest.warehouse import connect, ensure_raw_schema
from tests.crm.helpers import lead, logged

HUNDRED = {"data": [{}] * 100}


@pytest.mark.parametrize(
    ("method", "path", "body", "credits"),
    [
        ("GET", "/crm/v8/Leads", None, 1),
        ("PUT", "/crm/v8/Leads", HUNDRED, 10),  # 1 credit per 10 records written
        ("POST", "/crm/v8/Leads/upsert", {"data": [{}] * 11}, 2),
        ("POST", "/crm/v8/Tasks", {"data": [{}]}, 1),
        ("POST", "/crm/v8/Leads/actions/add_tags", {"ids": ["1"] * 100}, 1),
        ("POST", "/crm/bulk/v8/read", {"query": {}}, 50),
        ("GET", "/crm/bulk/v8/read/1/result", None, 1),
    ],
)
def test_each_call_costs_what_zoho_charges(method, path, body, credits):
    assert call_credits(method, path, body) == credits


def test_write_credits_per_batch_of_100():
    assert write_credits(250) == 10 + 10 + 5
    assert write_credits(0) == 0


def test_credits_are_counted_and_the_budget_stops_before_the_call(sandbox, make_client):
    client = make_client(sandbox)
    client.update("Leads", [{"id": lead(n)["id"], "Lead_Score": n} for n in range(5)])
    list(client.iter_pages("Leads", ["Email"]))
    assert client.credits.used == 1 + 1
    client.credits.allowance = 2
    with pytest.raises(CrmCreditBudgetExceeded, match="LEAD_SCORING_CRM_DAILY_CREDIT_BUDGET"):
        list(client.iter_pages("Leads", ["Email"]))
    assert len(logged(sandbox)) == 2  # the refused call was never sent


def test_the_daily_allowance_subtracts_the_last_24_hours(tmp_path):
    from datetime import UTC, datetime, timedelta

    now = datetime(2026, 11, 21, 12, tzinfo=UTC)
    with connect(tmp_path / "w.duckdb") as con:
        record(con, "old", "ingest crm_leads", 900, now - timedelta(hours=25))
        record(con, "r1", "ingest crm_leads", 300, now - timedelta(hours=2))
        assert allowance(con, 1000, now) == 700
        assert allowance(con, 200, now) == 0
        assert allowance(con, None, now) is None
    assert (
        ZohoSettings.from_env({"LEAD_SCORING_CRM_DAILY_CREDIT_BUDGET": "5000"}).daily_credit_budget
        == 5000
    )


def test_a_read_past_the_budget_lands_nothing_and_says_why(start_sandbox, make_client, tmp_path):
    server = start_sandbox(leads=30)
    client = make_client(server)
    client.credits.allowance = 10  # the probe fits, the bulk-read job (50) does not
    module, fields = CRM_MODULES["crm_leads"]
    with connect(tmp_path / "w.duckdb") as con:
        ensure_raw_schema(con)
        pages = crm_pages(client, CRM_CONTRACTS["crm_leads"], module, list(fields), None,
                          threshold=10)  # fmt: skip
        with pytest.raises(SourceReadError, match="would cost 50 API credit"):
            load_crm_pages(con, "crm_leads", pages, "a")
        assert con.execute("select count(*) from raw.crm_leads").fetchone()[0] == 0
    assert not [e for e in logged(server) if "/bulk/" in e["path"]]
