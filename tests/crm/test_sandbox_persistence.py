"""The sandbox keeps its data in SQLite: restarts, idempotent imports, the CLI."""

import json
import os
import signal
import subprocess
import sys
from types import SimpleNamespace

import pytest
import requests

from lead_scoring.crm.sandbox import SandboxServer
from lead_scoring.crm.sandbox.importer import ImportFileError, import_directory
from tests.crm.helpers import access_token, api, lead, write_jsonl


def test_data_and_tokens_survive_a_restart(tmp_path):
    db = tmp_path / "crm.sqlite3"
    with SandboxServer(db) as server:
        token = access_token(server)
        answer = api(
            server,
            "POST",
            "Leads/upsert",
            token=token,
            json={"data": [{"Last_Name": "Kept", "Email": "kept@example.jp"}]},
        )
        record_id = answer.json()["data"][0]["details"]["id"]
    with SandboxServer(db) as server:
        params = {"fields": "Last_Name", "ids": record_id}
        response = api(server, "GET", "Leads", token=token, params=params)
        assert response.json()["data"] == [{"id": record_id, "Last_Name": "Kept"}]


def test_import_is_idempotent_and_keeps_later_changes(tmp_path):
    write_jsonl(tmp_path / "leads.jsonl", [lead(n) for n in range(3)])
    write_jsonl(tmp_path / "calls.jsonl", [{"id": "77", "Subject": "Intro call"}])
    with SandboxServer(tmp_path / "crm.sqlite3") as server:
        first = server.import_dir(tmp_path)
        api(server, "POST", "Leads/upsert", json={"data": [{"id": lead(0)["id"], "Lead_Score": 9}]})
        second = server.import_dir(tmp_path)
        data = api(server, "GET", "Leads", params={"fields": "Lead_Score", "ids": lead(0)["id"]})
        assert data.json()["data"][0]["Lead_Score"] == 9
    assert first == {"Leads": {"inserted": 3, "skipped": 0}, "Calls": {"inserted": 1, "skipped": 0}}
    assert second == {
        "Leads": {"inserted": 0, "skipped": 3},
        "Calls": {"inserted": 0, "skipped": 1},
    }


def test_a_bad_import_line_is_named(tmp_path):
    (tmp_path / "leads.jsonl").write_text(json.dumps(lead(0)) + "\n{not json\n")
    server = SandboxServer(tmp_path / "crm.sqlite3")
    with pytest.raises(ImportFileError, match=r"leads.jsonl:2: not valid JSON"):
        import_directory(server.store, tmp_path)
    server.stop()


def test_cli_serves_until_sigterm_and_exits_cleanly(tmp_path):
    write_jsonl(tmp_path / "leads.jsonl", [lead(n) for n in range(2)])
    command = [
        sys.executable,
        "-m",
        "lead_scoring.crm.sandbox.command",
        "--db",
        str(tmp_path / "cli.sqlite3"),
        "--port",
        "0",
        "--import-dir",
        str(tmp_path),
        "--rate-limit-per-second",
        "50",
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    try:
        lines = [process.stdout.readline() for _ in range(2)]
        assert lines[0].startswith("imported Leads: 2 new")
        url = lines[1].strip().rsplit(" ", 1)[-1]
        assert requests.get(f"{url}/__sandbox/health", timeout=5).ok
        config = requests.get(f"{url}/__sandbox/config", timeout=5).json()
        assert config["rate_limit_per_second"] == 50.0
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()


def _cli_sandbox(db, import_dir) -> tuple[subprocess.Popen, SimpleNamespace]:
    """The sandbox CLI in its own process, and an object `api` can call it through."""
    command = [sys.executable, "-m", "lead_scoring.crm.sandbox.command", "--db", str(db)]
    command += ["--port", "0", "--import-dir", str(import_dir)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    line = process.stdout.readline()
    while line.startswith("imported "):
        line = process.stdout.readline()
    return process, SimpleNamespace(base_url=line.strip().rsplit(" ", 1)[-1])


def test_an_answered_update_survives_a_killed_sandbox(tmp_path):
    write_jsonl(tmp_path / "leads.jsonl", [lead(n) for n in range(2)])
    process, server = _cli_sandbox(tmp_path / "crm.sqlite3", tmp_path)
    try:
        update = {"data": [{"id": lead(1)["id"], "Lead_Score": 42}]}
        assert api(server, "PUT", "Leads", json=update).json()["data"][0]["code"] == "SUCCESS"
        process.send_signal(signal.SIGKILL)  # no clean shutdown
        assert process.wait(timeout=10) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
    empty = tmp_path / "nothing_to_import"
    empty.mkdir()
    process, server = _cli_sandbox(tmp_path / "crm.sqlite3", empty)
    try:
        params = {"fields": "Lead_Score", "ids": lead(1)["id"]}
        answer = api(server, "GET", "Leads", params=params).json()
        assert answer["data"] == [{"id": lead(1)["id"], "Lead_Score": 42}]
    finally:
        process.kill()
