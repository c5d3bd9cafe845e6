"""SIGKILL a sync in a child process mid-way, run it again: the CRM ends up exactly as after an
uninterrupted run, with one Priority tag and one task per hand-off."""

import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from lead_scoring.crm.sandbox import SandboxConfig, SandboxServer
from tests.crm.helpers import lead, write_jsonl
from tests.reverse_etl.helpers import build_warehouse, crm_state, query

LEADS = 600  # 6 score updates, 2 add_tags and 2 Tasks creates of 100
REPO = Path(__file__).resolve().parents[2]
# one batch at a time (sync_child): the n batches answered before the kill are in the ledger,
# except that the last one may still be being recorded (the next is sent first)
KILLED_AFTER = {"/crm/v8/Leads": 300, "/add_tags": 600 + 100, "/crm/v8/Tasks": 600 + 120 + 100}
IN_RECORDING = 100  # one batch
STATES = "select tag_state, task_state, count(*) from reverse_etl.crm_handoffs group by all"


def _start(folder: Path) -> SandboxServer:
    folder.mkdir()
    write_jsonl(folder / "leads.jsonl", [lead(n) for n in range(LEADS)])
    server = SandboxServer(folder / "crm.sqlite", config=SandboxConfig())
    server.start().import_dir(folder)
    return server


def _child(warehouse: Path, server: SandboxServer, run_id: str) -> subprocess.Popen:
    module = "tests.reverse_etl.sync_child"
    command = [sys.executable, "-m", module, str(warehouse), server.base_url, run_id]
    return subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, text=True)


def _finish(process: subprocess.Popen) -> dict:
    out, _ = process.communicate(timeout=60)
    assert process.returncode == 0
    return json.loads(out.splitlines()[-1])


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("uninterrupted")
    server = _start(folder / "crm")
    try:
        _finish(_child(build_warehouse(folder / "w.duckdb", LEADS), server, "run-1"))
        yield crm_state(server)
    finally:
        server.stop()


def _kill_at(server: SandboxServer, path_end: str, nth: int) -> Callable[[subprocess.Popen], None]:
    """Arm the sandbox to SIGKILL the child when its request number nth + 1 to `path_end`
    arrives: n answered, the next one in flight (the CRM then serves it to nobody). Decided in
    the server, so no polling and no timing margin. Call the result with the child."""
    handle, child, seen, lock = server.app.handle, threading.Event(), [0], threading.Lock()
    process: list[subprocess.Popen] = []

    def gated(request):
        # score updates are PUT /crm/v8/Leads; tags and tasks are POSTs
        if request.method in ("POST", "PUT") and request.path.endswith(path_end):
            with lock:
                seen[0] += 1
                arrived = seen[0]
            if arrived == nth + 1:
                child.wait(timeout=30)
                os.kill(process[0].pid, signal.SIGKILL)
        return handle(request)

    server.app.handle = gated

    def started(popen: subprocess.Popen) -> None:
        process.append(popen)
        child.set()

    return started


@pytest.mark.parametrize(
    ("path_end", "nth"), [("/crm/v8/Leads", 3), ("/add_tags", 1), ("/crm/v8/Tasks", 1)]
)
def test_a_killed_sync_re_run_equals_an_uninterrupted_one(tmp_path, uninterrupted, path_end, nth):
    server = _start(tmp_path / "crm")
    warehouse = build_warehouse(tmp_path / "w.duckdb", LEADS)
    handle = server.app.handle
    armed = _kill_at(server, path_end, nth)
    try:
        child = _child(warehouse, server, "run-1")
        armed(child)
        child.wait(timeout=60)
        assert child.returncode == -signal.SIGKILL, "the sync ended before the kill"
        server.app.handle = handle
        ledger_rows = query(warehouse, "select count(*) from reverse_etl.crm_sync_ledger")[0][0]
        states = sorted(query(warehouse, STATES))
        print(f"\nkilled after {path_end} #{nth}: {ledger_rows} ledger rows, hand-offs {states}")
        assert KILLED_AFTER[path_end] - IN_RECORDING <= ledger_rows <= KILLED_AFTER[path_end]
        rerun = _finish(_child(warehouse, server, "run-2"))
        leads, tasks = crm_state(server)
    finally:
        server.stop()
    print(f"re-run: {json.dumps({k: v for k, v in rerun.items() if 'handoffs' in k})}")
    assert (leads, tasks) == uninterrupted
    assert set(tasks.values()) == {1} and sum(tasks.values()) == LEADS // 5
    assert sum(record["tags"] == ["Priority"] for record in leads.values()) == LEADS // 5
