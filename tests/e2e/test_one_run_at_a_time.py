"""Case 8 of issue 11: a second run while one is going (schedule + a manual run) exits at once
with a message naming the running one; the first run is not disturbed. Never two failures."""

import os
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

from lead_scoring import cli
from tests.crm.helpers import configure, logged
from tests.e2e.scenarios import scenario

EXIT_BUSY = 75  # EX_TEMPFAIL: try again later


def _start_first_run(first, home: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        **first.env(),
        "DAGSTER_HOME": str(home),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "lead_scoring.cli", "run"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _wait_until_it_reads_the_crm(sandbox, child: subprocess.Popen, limit: float = 180) -> None:
    deadline = time.monotonic() + limit
    while not any(e["method"] == "GET" for e in logged(sandbox)):
        assert child.poll() is None, child.stdout.read().decode()[-3000:]
        assert time.monotonic() < deadline, "the first run never reached the CRM"
        time.sleep(0.2)


def test_a_second_run_exits_at_once_naming_the_running_one(generated, tmp_path, capsys):
    with scenario(tmp_path / "run", generated) as first:
        configure(first.sandbox, latency_seconds=1.0)  # the first run sits in its CRM reads
        child = _start_first_run(first, tmp_path / "home-1")
        try:
            _wait_until_it_reads_the_crm(first.sandbox, child)
            home = {"DAGSTER_HOME": str(tmp_path / "home-2")}
            with first.environment(), mock.patch.dict(os.environ, home):
                second = cli.main(["run"])
            message = capsys.readouterr().err
        finally:
            configure(first.sandbox, latency_seconds=0.0)
            output, _ = child.communicate(timeout=900)

    assert second == EXIT_BUSY
    assert "another run is in progress" in message and f"pid {child.pid}" in message
    assert child.returncode == 0, output.decode()[-3000:]
