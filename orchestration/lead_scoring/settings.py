"""Configuration: the typed settings model (`lead_scoring.config.model.Settings`), read from
the environment when asked for, never at import time.

`current()` is the whole model; the functions below are the shortcuts the pipeline's code
uses. Every variable is declared once, in the model, and listed in `.env.example`.
"""

from pathlib import Path

from lead_scoring.config.errors import ConfigError, SettingsError
from lead_scoring.config.load import current, load
from lead_scoring.project import DBT_PROJECT_DIR, EXPECTATIONS_DIR, PROJECT_ROOT

__all__ = [
    "DBT_PROJECT_DIR",
    "EXPECTATIONS_DIR",
    "PROJECT_ROOT",
    "ConfigError",
    "SettingsError",
    "current",
    "load",
]


def duckdb_path() -> Path:
    return current().duckdb


def duckdb_memory_limit() -> str:
    """DuckDB's buffer pool per process (dbt's profile reads the same variable)."""
    return current().duckdb_memory_limit


def profile_dir() -> Path:
    """The scoring profile: the folder of rule seeds and lead_mapping.csv that dbt loads."""
    return current().profile_dir


OFF = "none"  # a landing folder or LEAD_SCORING_CRM set to this: the source is not used


def web_events_dir() -> Path | None:
    """None when LEAD_SCORING_WEB_EVENTS_DIR=none (no web events are loaded)."""
    return current().web_events_dir


def email_events_dir() -> Path | None:
    """None when LEAD_SCORING_EMAIL_EVENTS_DIR=none (no e-mail events are loaded)."""
    return current().email_events_dir


def source_off(table: str) -> str | None:
    """Why a source's raw table gets nothing this run (the source is switched off), if so."""
    if table in ("crm_leads", "crm_calls", "crm_deleted_leads") and crm_kind() == OFF:
        return "LEAD_SCORING_CRM=none: no CRM is read"
    folders = {"web_events": web_events_dir, "email_events": email_events_dir}
    if table in folders and folders[table]() is None:
        name = f"LEAD_SCORING_{table.upper()}_DIR"
        return f"{name}=none: this source is not used"
    return None


def schedule_cron() -> str:
    return current().schedule_cron


def schedule_timezone() -> str:
    return current().timezone


def score_as_of() -> str:
    """Fixed scoring reference time (ISO 8601, UTC) for backfills and tests; empty = now."""
    return current().score_as_of


def published_duckdb_path(warehouse: Path | None = None) -> Path:
    """The BI snapshot: a copy of the `marts` schema replaced whole after each good run.

    Default: `published/<warehouse file name>` beside the warehouse (data/published/...).
    """
    warehouse = warehouse or duckdb_path()
    path = current().published_duckdb or warehouse.parent / "published" / warehouse.name
    if path.resolve() == warehouse.resolve():
        raise ConfigError(
            f"LEAD_SCORING_PUBLISHED_DUCKDB and LEAD_SCORING_DUCKDB are both {path}: the BI "
            "snapshot must be a separate file. Point LEAD_SCORING_PUBLISHED_DUCKDB elsewhere, "
            "e.g. data/published/warehouse.duckdb."
        )
    return path


def quarantine_max_rate() -> float:
    return current().quarantine_max_rate


def row_count_max_change() -> float:
    return current().row_count_max_change


def freshness_hours() -> float:
    return current().freshness_hours


def max_record_bytes() -> int:
    return current().max_record_bytes


def load_part_bytes() -> int:
    return current().load_part_mb * 1_048_576


def lead_mapping_path() -> Path:
    return profile_dir() / "lead_mapping.csv"


def import_leads_dir() -> Path | None:
    return current().import_leads_dir


def import_activities_dir() -> Path | None:
    return current().import_activities_dir


def crm_kind() -> str:
    """Which CRM the pipeline reads and writes: `zoho` (default; the local sandbox when no API
    domain is set) or `none` (scores go to the export files and the BI snapshot only)."""
    return current().crm


def export_dir(warehouse: Path | None = None) -> Path:
    """Where marts.lead_scores is exported as CSV and Parquet after each good run.

    Default: `export/` beside the warehouse file (data/export)."""
    warehouse = warehouse or duckdb_path()
    return current().export_dir or warehouse.parent / "export"


def locale() -> str:
    """Language of what people read: report labels, CRM Score_Reasons and hand-off tag."""
    return current().locale


def pii_free() -> bool:
    """Publish the BI snapshot and the report without names, e-mails or phone numbers."""
    return current().pii_free


def pseudonym_key() -> str:
    """Secret mixed into pseudonymous lead keys, so they cannot be recomputed from CRM ids."""
    key = current().pseudonym_key
    return key.get_secret_value() if key is not None else ""


def reports_dir() -> Path:
    return current().reports_dir
