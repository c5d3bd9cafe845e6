"""Configuration from environment variables, read when asked for (never at import time).

Every variable is listed with its default in `.env.example`.
"""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"


def _path(name: str, default: str) -> Path:
    """A path from the environment; relative paths are taken from the project root."""
    path = Path(os.environ.get(name) or default)
    return path if path.is_absolute() else PROJECT_ROOT / path


def duckdb_path() -> Path:
    return _path("LEAD_SCORING_DUCKDB", "data/warehouse.duckdb")


def duckdb_memory_limit() -> str:
    """DuckDB's buffer pool per process; past it, DuckDB spills to disk (dbt's profile reads
    the same variable)."""
    return os.environ.get("LEAD_SCORING_DUCKDB_MEMORY_LIMIT") or "3GB"


def profile_dir() -> Path:
    """The scoring profile: the folder of rule seeds and lead_mapping.csv that dbt loads.

    Relative paths are taken from the dbt project, as dbt_project.yml's seed-paths takes them.
    """
    path = Path(os.environ.get("LEAD_SCORING_PROFILE_DIR") or "profiles/lesson")
    return path if path.is_absolute() else DBT_PROJECT_DIR / path


OFF = "none"  # a landing folder set to this: the source is not used (no CRM, no web tracking)


def _landing_dir(name: str, default: str) -> Path | None:
    if (os.environ.get(name) or "").strip().lower() == OFF:
        return None
    return _path(name, default)


def web_events_dir() -> Path | None:
    """None when LEAD_SCORING_WEB_EVENTS_DIR=none (no web events are loaded)."""
    return _landing_dir("LEAD_SCORING_WEB_EVENTS_DIR", "data/generated/web")


def email_events_dir() -> Path | None:
    """None when LEAD_SCORING_EMAIL_EVENTS_DIR=none (no e-mail events are loaded)."""
    return _landing_dir("LEAD_SCORING_EMAIL_EVENTS_DIR", "data/generated/email")


def source_off(table: str) -> str | None:
    """Why a source's raw table gets nothing this run (the source is switched off), if so."""
    if table in ("crm_leads", "crm_calls") and crm_kind() == OFF:
        return "LEAD_SCORING_CRM=none: no CRM is read"
    variables = {"web_events": "WEB_EVENTS_DIR", "email_events": "EMAIL_EVENTS_DIR"}
    if table in variables:
        name = f"LEAD_SCORING_{variables[table]}"
        if (os.environ.get(name) or "").strip().lower() == OFF:
            return f"{name}=none: this source is not used"
    return None


def schedule_cron() -> str:
    return os.environ.get("LEAD_SCORING_SCHEDULE_CRON") or "0 2 * * *"


def schedule_timezone() -> str:
    return os.environ.get("LEAD_SCORING_TIMEZONE") or "Asia/Tokyo"


def score_as_of() -> str:
    """Fixed scoring reference time (ISO 8601, UTC) for backfills and tests; empty = now."""
    return os.environ.get("LEAD_SCORING_SCORE_AS_OF", "")


class ConfigError(ValueError):
    """A setting with a value the pipeline cannot use; the message names it and the fix."""


def _number(name: str, default: float, low: float, high: float, example: str) -> float:
    text = os.environ.get(name) or ""
    if not text.strip():
        return default
    try:
        value = float(text)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise ConfigError(
            f"{name}={text!r} is not usable: expected a number from {low:g} to {high:g}, "
            f"e.g. {name}={example}. Fix it in the environment or .env (see .env.example)."
        )
    return value


def published_duckdb_path(warehouse: Path | None = None) -> Path:
    """The BI snapshot: a copy of the `marts` schema replaced whole after each good run.

    Default: `published/<warehouse file name>` beside the warehouse (data/published/...).
    """
    warehouse = warehouse or duckdb_path()
    default = warehouse.parent / "published" / warehouse.name
    path = _path("LEAD_SCORING_PUBLISHED_DUCKDB", str(default))
    if path.resolve() == warehouse.resolve():
        raise ConfigError(
            f"LEAD_SCORING_PUBLISHED_DUCKDB and LEAD_SCORING_DUCKDB are both {path}: the BI "
            "snapshot must be a separate file. Point LEAD_SCORING_PUBLISHED_DUCKDB elsewhere, "
            "e.g. data/published/warehouse.duckdb."
        )
    return path


def quarantine_max_rate() -> float:
    """Largest share of a load's records that may go to quarantine before its check fails."""
    return _number("LEAD_SCORING_QUARANTINE_MAX_RATE", 0.01, 0.0, 1.0, "0.05")


def row_count_max_change() -> float:
    """Largest relative change of a table's row count since the last passed check."""
    return _number("LEAD_SCORING_ROW_COUNT_MAX_CHANGE", 0.5, 0.0, 1e6, "0.5")


def freshness_hours() -> float:
    """Largest age of a source's newest record, against the scoring time, in hours."""
    return _number("LEAD_SCORING_FRESHNESS_HOURS", 48.0, 0.0, 1e6, "48")


def max_record_bytes() -> int:
    """Largest source record (line, array element or CRM record) landed; bigger ones are
    quarantined."""
    return int(_number("LEAD_SCORING_MAX_RECORD_BYTES", 1_048_576, 1024, 1e9, "1048576"))


def lead_mapping_path() -> Path:
    return profile_dir() / "lead_mapping.csv"


def _optional_dir(name: str) -> Path | None:
    """A landing folder that may be left unset (the source is not used)."""
    return _path(name, "") if (os.environ.get(name) or "").strip() else None


def import_leads_dir() -> Path | None:
    return _optional_dir("LEAD_SCORING_IMPORT_LEADS_DIR")


def import_activities_dir() -> Path | None:
    return _optional_dir("LEAD_SCORING_IMPORT_ACTIVITIES_DIR")


CRM_KINDS = ("zoho", "none")


def crm_kind() -> str:
    """Which CRM the pipeline reads and writes: `zoho` (default; the local sandbox when no API
    domain is set) or `none` (scores go to the export files and the BI snapshot only)."""
    kind = (os.environ.get("LEAD_SCORING_CRM") or "zoho").strip().lower()
    if kind not in CRM_KINDS:
        raise ConfigError(
            f"LEAD_SCORING_CRM={kind!r} is not usable: expected one of {', '.join(CRM_KINDS)}, "
            "e.g. LEAD_SCORING_CRM=none to run without a CRM. Fix it in the environment or .env."
        )
    return kind


def export_dir(warehouse: Path | None = None) -> Path:
    """Where marts.lead_scores is exported as CSV and Parquet after each good run.

    Default: `export/` beside the warehouse file (data/export)."""
    warehouse = warehouse or duckdb_path()
    return _path("LEAD_SCORING_EXPORT_DIR", str(warehouse.parent / "export"))
