"""SIGKILL a sync in a child process mid-way, run it again: the CRM ends up exactly as after an
uninterrupted run, with one Priority tag and one task per hand-off."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lead_scoring.crm.sandbox import SandboxConfig, SandboxServer
from tests.crm.helpers import lead, write_jsonl
from tests.reverse_etl.helpers import build_warehouse, crm_state, query

LEADS = 600  # 6 score updates, 2 add_tags and 2 Tasks creates of 100
REPO = Path(__file__).resolve().parents[2]
STATES = "select tag_state, task_state, count(*) from reverse_etl.crm_handoffs group by all"


def _start(folder: Path, latency: float) -> SandboxServer:
    folder.mkdir()
    write_jsonl(folder / "leads.jsonl", [lead(n) for n in range(LEADS)])
    server = SandboxServer(folder / "crm.sqlite", config=SandboxConfig(latency_seconds=latency))
    server.start().import_dir(folder)
    return server


def _child(warehouse: Path, server: SandboxServer, run_id: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "tests.reverse_etl.sync_child", str(warehouse),
               server.base_url, run_id]  # fmt: skip
    return subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, text=True)


def _finish(process: subprocess.Popen) -> dict:
    out, _ = process.communicate(timeout=60)
    assert process.returncode == 0
    return json.loads(out.splitlines()[-1])


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("uninterrupted")
    server = _start(folder / "crm", latency=0.0)
    try:
        _finish(_child(build_warehouse(folder / "w.duckdb", LEADS), server, "run-1"))
        yield crm_state(server)
    finally:
        server.stop()


def _kill_when(server: SandboxServer, process: subprocess.Popen, path_end: str, nth: int) -> None:
    """SIGKILL the child as soon as the sandbox has answered its nth request to `path_end`."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if sum(e["path"].endswith(path_end) for e in server.app.log.since()) >= nth:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
            assert process.returncode == -signal.SIGKILL, "the sync ended before the kill"
            return
        time.sleep(0.002)
    pytest.fail(f"no request to {path_end} within 30 s")


@pytest.mark.parametrize(
    ("path_end", "nth"), [("/crm/v8/Leads", 3), ("/add_tags", 1), ("/crm/v8/Tasks", 1)]
)
def test_a_killed_sync_re_run_equals_an_uninterrupted_one(tmp_path, uninterrupted, path_end, nth):
    server = _start(tmp_path / "crm", latency=0.15)
    warehouse = build_warehouse(tmp_path / "w.duckdb", LEADS)
    try:
        _kill_when(server, _child(warehouse, server, "run-1"), path_end, nth)
        ledger_rows = query(warehouse, "select count(*) from reverse_etl.crm_sync_ledger")[0][0]
        print(f"\nkilled after {path_end} #{nth}: {ledger_rows} ledger rows, "
              f"hand-offs {sorted(query(warehouse, STATES))}")  # fmt: skip
        assert ledger_rows > 0
        server.config.latency_seconds = 0.0
        rerun = _finish(_child(warehouse, server, "run-2"))
        leads, tasks = crm_state(server)
    finally:
        server.stop()
    print(f"re-run: {json.dumps({k: v for k, v in rerun.items() if 'handoffs' in k})}")
    assert (leads, tasks) == uninterrupted
    assert set(tasks.values()) == {1} and sum(tasks.values()) == LEADS // 5
    assert sum(record["tags"] == ["Priority"] for record in leads.values()) == LEADS // 5
