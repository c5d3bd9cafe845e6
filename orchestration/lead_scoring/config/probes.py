"""Cheap probes of what the settings point at, for `lead-scoring check`: each answers in
seconds with one line saying what was found and, when something is wrong, what to do."""

import os
from pathlib import Path

from lead_scoring.config.model import Settings
from lead_scoring.config.tools import dbt_executable

PROBE_TIMEOUT_SECONDS = 5.0


def landing_folder(variable: str, folder: Path) -> tuple[bool, str]:
    if not folder.is_dir():
        return False, (
            f"{variable}: {folder} does not exist; create it, point {variable} at the folder "
            "files land in, or run `lead-scoring generate` for sample data"
        )
    files = sum(1 for p in folder.rglob("*") if p.is_file())
    return True, f"{variable}: {folder} ({files:,} files)"


def warehouse(path: Path) -> tuple[bool, str]:
    """Writable without writing: the nearest existing folder allows it and no process holds
    the file (DuckDB lets one writing process at a time)."""
    existing = next(p for p in (path, *path.parents) if p.exists())
    folder = existing if existing.is_dir() else existing.parent
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return False, f"LEAD_SCORING_DUCKDB: {path} is not writable by this user"
    if not path.exists():
        return True, f"LEAD_SCORING_DUCKDB: {path} (will be created)"
    import duckdb

    try:
        duckdb.connect(str(path)).close()
    except duckdb.Error as err:
        first = str(err).splitlines()[0]
        return False, f"LEAD_SCORING_DUCKDB: {path} cannot be opened for writing: {first}"
    return True, f"LEAD_SCORING_DUCKDB: {path} (writable)"


def crm_token(settings_env: dict | None = None) -> tuple[bool, str]:
    """One OAuth token refresh against the configured CRM, no retries."""
    from lead_scoring.crm import CrmError, ZohoCrmClient, ZohoSettings

    crm = ZohoSettings.from_env(settings_env).with_options(
        max_retries=0, timeout_seconds=PROBE_TIMEOUT_SECONDS
    )
    try:
        with ZohoCrmClient(crm) as client:
            client.refresh_token()
    except CrmError as err:
        hint = "is `lead-scoring crm-sandbox` running?" if "127.0.0.1" in crm.api_domain else ""
        kind = "refused the credentials" if err.status else "did not answer"
        return False, f"CRM {crm.accounts_url}: {kind} ({err}) {hint}".rstrip()
    return True, f"CRM {crm.accounts_url}: token refresh OK"


def dbt(settings: Settings) -> tuple[bool, str]:
    path = dbt_executable(settings)
    if path is None:
        return False, (
            "dbt: not found beside this Python nor on PATH; install the project "
            "(`make install`) or set LEAD_SCORING_DBT_EXECUTABLE"
        )
    return True, f"dbt: {path}"


def engine(settings: Settings) -> tuple[bool, str]:
    if settings.engine == "duckdb":
        return True, "engine: duckdb"
    from lead_scoring.spark.requirements import spark_missing

    missing = spark_missing()
    return (False, missing) if missing else (True, f"engine: spark ({settings.spark_master})")


def all_probes(settings: Settings) -> list[tuple[bool, str]]:
    return [
        warehouse(settings.duckdb),
        landing_folder("LEAD_SCORING_WEB_EVENTS_DIR", settings.web_events_dir),
        landing_folder("LEAD_SCORING_EMAIL_EVENTS_DIR", settings.email_events_dir),
        dbt(settings),
        engine(settings),
        crm_token(),
    ]
