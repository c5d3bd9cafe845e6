"""Running the venv's own `lead-scoring` as a new user would: a bare PATH without the venv,
temporary folders for every file the pipeline may write."""

import os
import subprocess
import sys
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
LEAD_SCORING = VENV_BIN / "lead-scoring"
BARE_PATH = "/usr/bin:/bin"


def bare_env(root: Path, **extra: str) -> dict:
    """HOME, a PATH without the venv, and settings pointing only into `root`."""
    web, email = root / "landing" / "web", root / "landing" / "email"
    web.mkdir(parents=True, exist_ok=True)
    email.mkdir(parents=True, exist_ok=True)
    return {
        "HOME": os.environ.get("HOME", str(root)),
        "PATH": BARE_PATH,
        "DAGSTER_HOME": str(root / "dagster_home"),
        "DAGSTER_DISABLE_TELEMETRY": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "GX_ANALYTICS_ENABLED": "False",
        "LEAD_SCORING_DUCKDB": str(root / "warehouse.duckdb"),
        "LEAD_SCORING_WEB_EVENTS_DIR": str(web),
        "LEAD_SCORING_EMAIL_EVENTS_DIR": str(email),
        "LEAD_SCORING_CRM_SANDBOX_DB": str(root / "crm_sandbox.sqlite3"),
        **extra,
    }


def lead_scoring(args: list[str], env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LEAD_SCORING), *args], env=env, capture_output=True, text=True, timeout=timeout
    )
