"""250,000 leads through the bulk-read path at Zoho's own page of 200,000: each lands once and
Get Records never pages past 100,000. Rows go straight into the sandbox's SQLite (the generator
is not needed). A re-run and a load killed mid-download are proved at small scale, in
test_ingest_bulk_reads.py."""

from datetime import timedelta

import pytest

from lead_scoring.crm.sandbox.timefmt import parse_ts
from tests.crm.bulk_load_runner import THRESHOLD, landed_leads, load
from tests.crm.helpers import BASE_TIME, lead

LEADS = 250_000


@pytest.fixture(scope="module")
def big_sandbox(tmp_path_factory):
    from lead_scoring.crm.sandbox import SandboxServer

    server = SandboxServer(tmp_path_factory.mktemp("bulk") / "crm.sqlite3").start()
    rows = []
    for n in range(LEADS):
        stamp = (BASE_TIME + timedelta(seconds=n)).isoformat()  # all in the past
        record = lead(n, Created_Time=stamp, Modified_Time=stamp, No_of_Employees=n % 900)
        record["Owner"] = {"id": "900001", "name": "Aiko Tanaka"}
        stamp = parse_ts(record["Modified_Time"], 0.0)
        rows.append((record, stamp, stamp))
    assert server.store.insert_new("Leads", rows) == LEADS
    yield server
    server.stop()


def _rest_pages(server) -> list[dict]:
    return [e for e in server.app.log.since() if e["path"] == "/crm/v8/Leads"]


def test_250k_leads_land_once_through_bulk_read(big_sandbox, tmp_path):
    server = big_sandbox
    first = load(server.base_url, str(tmp_path / "a.duckdb"), "first")
    assert (first.records_read, first.rows_inserted, first.rows_quarantined) == (LEADS, LEADS, 0)
    rows = landed_leads(str(tmp_path / "a.duckdb"))
    assert len(rows) == len({row[0] for row in rows}) == LEADS
    assert rows[0] == (lead(0)["id"], lead(0)["Email"], 0, "900001", BASE_TIME.isoformat())
    # the Get Records probe stopped just past the threshold, far below its 100,000 cap
    pages = _rest_pages(server)
    assert len(pages) == THRESHOLD // 200 + 1
    assert sum(len(e["response"]["data"]) for e in pages) <= 100_000
    creates = [e for e in server.app.log.since() if e["path"] == "/crm/bulk/v8/read"]
    assert len(creates) == 2  # 200,000 + 50,000
