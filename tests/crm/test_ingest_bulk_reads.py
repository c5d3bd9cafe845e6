"""Big CRM reads go through the Bulk Read API and land like Get Records pages."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lead_scoring.ingest.crm_reads import crm_pages, typed
from lead_scoring.ingest.crm_records import CRM_CONTRACTS, CRM_MODULES, load_crm_pages
from lead_scoring.ingest.warehouse import connect, ensure_raw_schema
from tests.crm.bulk_load_runner import landed_leads, load
from tests.crm.helpers import logged

LEADS, FIELDS = CRM_MODULES["crm_leads"]
CONTRACT = CRM_CONTRACTS["crm_leads"]
REPO = Path(__file__).resolve().parents[2]


def test_csv_text_is_typed_like_get_records():
    row = {"id": "7", "No_of_Employees": "250", "Company_Growth_Rate": "12.5", "Owner": "9001",
           "Decision_Maker": "true", "Email": "", "Designation": "CEO"}  # fmt: skip
    assert typed(CONTRACT, row) == {
        "id": "7",
        "No_of_Employees": 250,
        "Company_Growth_Rate": 12.5,
        "Owner": {"id": "9001"},
        "Decision_Maker": True,
        "Email": None,
        "Designation": "CEO",
    }
    # text that is no number stays text: the contract quarantines it, naming the field
    assert typed(CONTRACT, {"No_of_Employees": "many"})["No_of_Employees"] == "many"


def _load(server, client, tmp_path, load_id, threshold):
    with connect(tmp_path / "w.duckdb") as con:
        ensure_raw_schema(con)
        pages = crm_pages(client, CONTRACT, LEADS, list(FIELDS), None, threshold=threshold)
        result = load_crm_pages(con, "crm_leads", pages, load_id)
        rows = con.execute("select id, no_of_employees from raw.crm_leads order by id")
        return result, rows.fetchall()


def test_a_read_past_the_threshold_goes_bulk_and_lands_the_same(start_sandbox, make_client,
                                                                 tmp_path):  # fmt: skip
    server = start_sandbox(leads=450, bulk_read_page_size=200)
    client = make_client(server)
    bulk, bulk_rows = _load(server, client, tmp_path / "bulk", "a", threshold=250)
    rest, rest_rows = _load(server, client, tmp_path / "rest", "b", threshold=1000)
    assert bulk_rows == rest_rows and len(bulk_rows) == 450
    assert (bulk.rows_inserted, bulk.rows_quarantined) == (450, 0)
    entries = logged(server)
    bulk_creates = [e for e in entries if e["method"] == "POST" and "/bulk/" in e["path"]]
    assert len(bulk_creates) == 3  # 200 + 200 + 50
    again, _ = _load(server, client, tmp_path / "bulk", "c", threshold=250)
    assert (again.rows_inserted, again.records_read) == (0, 450)  # idempotent


def test_a_read_under_the_threshold_stays_on_get_records(sandbox, make_client, tmp_path):
    _load(sandbox, make_client(sandbox), tmp_path, "a", threshold=10)
    assert not [e for e in logged(sandbox) if "/bulk/" in e["path"]]


def _kill_on_first_download(server, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if any(e["path"].endswith("/result") for e in server.app.log.since()):
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
            return
        assert process.poll() is None, "the load ended before its first download"
        time.sleep(0.01)
    pytest.fail("no bulk-read download within 120 s")


def test_a_load_killed_mid_download_then_run_again_equals_a_whole_one(start_sandbox, tmp_path):
    # three bulk jobs; every request waits 0.2 s, so the kill lands before the second job is read
    server = start_sandbox(leads=3000, bulk_read_page_size=1000, latency_seconds=0.2)
    whole = load(server.base_url, str(tmp_path / "a.duckdb"), "whole", threshold=500)
    assert (whole.records_read, whole.rows_inserted) == (3000, 3000)
    server.app.log.clear()
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.crm.bulk_load_runner", server.base_url,
         str(tmp_path / "b.duckdb"), "500"], cwd=REPO,
    )  # fmt: skip
    _kill_on_first_download(server, child)
    assert child.returncode == -signal.SIGKILL
    assert not [e for e in server.app.log.since() if e["path"].endswith("/result")][1:]
    rerun = load(server.base_url, str(tmp_path / "b.duckdb"), "rerun", threshold=500)
    assert rerun.records_read == 3000
    assert landed_leads(str(tmp_path / "b.duckdb")) == landed_leads(str(tmp_path / "a.duckdb"))
