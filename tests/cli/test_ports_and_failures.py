"""Errors a user meets at the console say what and where: a port in use names the port; a
failed run names the failed step and why, without a traceback."""

import re
import socket

from tests.cli.helpers import bare_env, lead_scoring


def test_a_port_in_use_is_named(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = bare_env(tmp_path)
        sandbox = lead_scoring(["crm-sandbox", "--port", str(port)], env, timeout=60)
        demo = lead_scoring(
            ["demo", "--leads", "10", "--days", "1", "--port", str(port)]
            + ["--data-dir", str(tmp_path)],
            env,
            timeout=120,
        )
    assert sandbox.returncode == 1
    assert f"cannot listen on 127.0.0.1 port {port} (Address already in use)" in sandbox.stderr
    assert demo.returncode == 1
    assert f"port {port} on 127.0.0.1 is in use" in demo.stderr
    assert "Traceback" not in sandbox.stderr + demo.stderr


def test_a_failed_run_says_which_step_failed_and_why(tmp_path):
    env = bare_env(
        tmp_path,
        LEAD_SCORING_CRM_API_DOMAIN="http://127.0.0.1:9",  # nothing listens on port 9
        LEAD_SCORING_CRM_MAX_RETRIES="0",
    )
    result = lead_scoring(["run"], env, timeout=600)
    assert result.returncode == 1
    assert "The run failed:" in result.stderr
    assert "step raw__crm_leads: crm_leads: reading the CRM failed" in result.stderr
    assert re.search(
        r"\d+ of \d+ assets were not materialised because of the failures", result.stderr
    )
    assert "DagsterAssetCheckFailedError" not in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert len((result.stdout + result.stderr).splitlines()) < 40
