"""A sync whose score updates would pass the credit budget sends and records nothing."""

import duckdb
import pytest

from lead_scoring.crm import CrmCreditBudgetExceeded, ZohoCrmClient
from lead_scoring.reverse_etl.sync import run_sync
from tests.crm.helpers import fast_settings
from tests.reverse_etl.conftest import LEADS
from tests.reverse_etl.helpers import TIMEZONE, calls, query, sync


def test_a_sync_over_budget_stops_before_sending_anything(sandbox, warehouse):
    needed = 10 + 10 + 5  # 250 leads: updates of 100, 100 and 50 records, 1 credit per 10
    with duckdb.connect(str(warehouse)) as con, ZohoCrmClient(fast_settings(sandbox)) as client:
        client.credits.allowance = needed - 1
        with pytest.raises(CrmCreditBudgetExceeded, match="updating 250 lead scores needs about"):
            run_sync(con, client, "run-1", timezone=TIMEZONE)
    assert calls(sandbox) == []
    tables = "select count(*) from information_schema.tables where table_schema = 'reverse_etl'"
    ledgered = (
        query(warehouse, tables)[0][0]
        and query(warehouse, "select count(*) from reverse_etl.crm_sync_ledger")[0][0]
    )
    assert not ledgered
    summary = sync(warehouse, sandbox, "run-2")  # with room, everything goes
    assert summary["accepted"] == LEADS and summary["api_credits"] >= needed
