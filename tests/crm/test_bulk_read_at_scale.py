"""250,000 leads through the bulk-read path: each lands once, Get Records never pages past
100,000, a re-run lands nothing, and a load killed mid-download then re-run equals an
uninterrupted one. Rows go straight into the sandbox's SQLite (the generator is not needed)."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest

from lead_scoring.crm.sandbox.timefmt import parse_ts
from tests.crm.bulk_load_runner import THRESHOLD, load
from tests.crm.helpers import BASE_TIME, lead

LEADS = 250_000
REPO = Path(__file__).resolve().parents[2]


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


def _table(path: Path) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(
            "select id, email, no_of_employees, owner_id, modified_time from raw.crm_leads "
            "order by id"
        ).fetchall()


def _kill_on_first_download(server, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if any(e["path"].endswith("/result") for e in server.app.log.since()):
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
            return
        assert process.poll() is None, "the load ended before its first download"
        time.sleep(0.01)
    pytest.fail("no bulk-read download within 300 s")


def test_250k_leads_land_once_through_bulk_read(big_sandbox, tmp_path):
    server = big_sandbox
    first = load(server.base_url, str(tmp_path / "a.duckdb"), "first")
    assert (first.records_read, first.rows_inserted, first.rows_quarantined) == (LEADS, LEADS, 0)
    rows = _table(tmp_path / "a.duckdb")
    assert len(rows) == len({row[0] for row in rows}) == LEADS
    assert rows[0] == (lead(0)["id"], lead(0)["Email"], 0, "900001", BASE_TIME.isoformat())
    # the Get Records probe stopped just past the threshold, far below its 100,000 cap
    pages = _rest_pages(server)
    assert len(pages) == THRESHOLD // 200 + 1
    assert sum(len(e["response"]["data"]) for e in pages) <= 100_000
    creates = [e for e in server.app.log.since() if e["path"] == "/crm/bulk/v8/read"]
    assert len(creates) == 2  # 200,000 + 50,000

    again = load(server.base_url, str(tmp_path / "a.duckdb"), "again")
    assert (again.records_read, again.rows_inserted) == (LEADS, 0)

    # a load killed (SIGKILL) right after its first download started, then run again
    server.app.log.clear()
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.crm.bulk_load_runner", server.base_url,
         str(tmp_path / "b.duckdb")], cwd=REPO,
    )  # fmt: skip
    _kill_on_first_download(server, child)
    assert child.returncode == -signal.SIGKILL
    load(server.base_url, str(tmp_path / "b.duckdb"), "rerun")
    assert _table(tmp_path / "b.duckdb") == rows
