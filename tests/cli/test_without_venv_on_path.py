"""The venv's executables work with a PATH that does not hold the venv (not activated), from
any working folder: dbt is found beside the interpreter."""

import subprocess

from lead_scoring.crm.defaults import SANDBOX_CLIENT_SECRET
from lead_scoring.crm.sandbox import SandboxServer
from tests.cli.helpers import VENV_BIN, bare_env, lead_scoring


def test_run_help_lists_every_option_with_its_help(tmp_path):
    result = lead_scoring(["run", "--help"], bare_env(tmp_path))
    assert result.returncode == 0, result.stderr
    for option in ("--dry-run", "--verbose"):
        assert option in result.stdout


def test_demo_help_shows_the_defaults(tmp_path):
    result = lead_scoring(["demo", "--help"], bare_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "(default: 5000)" in result.stdout and "(default: 8765)" in result.stdout


def test_check_shows_masked_settings_and_probes_pass(tmp_path):
    with SandboxServer(tmp_path / "crm.sqlite3", port=0) as sandbox:
        env = bare_env(
            tmp_path,
            LEAD_SCORING_CRM_API_DOMAIN=sandbox.base_url,
            LEAD_SCORING_CRM_CLIENT_SECRET=SANDBOX_CLIENT_SECRET,
        )
        result = lead_scoring(["check"], env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "* LEAD_SCORING_CRM_CLIENT_SECRET = ***" in result.stdout
    assert SANDBOX_CLIENT_SECRET not in result.stdout + result.stderr
    assert "token refresh OK" in result.stdout
    assert f"dbt: {VENV_BIN / 'dbt'}" in result.stdout
    assert "FAIL" not in result.stdout


def test_check_names_what_is_wrong(tmp_path):
    env = bare_env(tmp_path, LEAD_SCORING_CRM_API_DOMAIN="http://127.0.0.1:9")  # discard port
    (tmp_path / "landing" / "web").rmdir()
    result = lead_scoring(["check"], env, timeout=120)
    assert result.returncode == 1
    assert "FAIL LEAD_SCORING_WEB_EVENTS_DIR:" in result.stdout
    assert "FAIL CRM http://127.0.0.1:9: did not answer" in result.stdout


def test_the_code_location_loads_with_a_minimal_path(tmp_path):
    code = (
        "from lead_scoring.definitions import build_defs\n"
        "graph = build_defs().resolve_asset_graph()\n"
        "print(len(graph.get_all_asset_keys()))\n"
    )
    env = bare_env(tmp_path)
    result = subprocess.run(
        [str(VENV_BIN / "python"), "-c", code],
        env={"HOME": env["HOME"], "PATH": env["PATH"]},
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) > 40


def test_dagster_materialises_a_dbt_asset_without_the_venv_on_path(tmp_path):
    env = bare_env(tmp_path)
    (tmp_path / "dagster_home").mkdir()
    result = subprocess.run(
        [str(VENV_BIN / "dagster"), "asset", "materialize", "-m", "lead_scoring.definitions"]
        + ["--select", "scoring/score_tiers"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "RUN_SUCCESS" in result.stdout + result.stderr
    import duckdb

    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as con:
        tiers = con.execute("select tier from scoring.score_tiers order by 1").fetchall()
    assert tiers == [("Cold",), ("Hot",), ("Warm",)]
