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


def web_events_dir() -> Path:
    return _path("LEAD_SCORING_WEB_EVENTS_DIR", "data/generated/web")


def email_events_dir() -> Path:
    return _path("LEAD_SCORING_EMAIL_EVENTS_DIR", "data/generated/email")


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


LOCALES = ("en", "ja")


def locale() -> str:
    """Language of what people read: report labels, CRM Score_Reasons and hand-off tag."""
    value = (os.environ.get("LEAD_SCORING_LOCALE") or "en").strip().lower()
    if value not in LOCALES:
        raise ConfigError(
            f"LEAD_SCORING_LOCALE={value!r} is not usable: expected one of "
            f"{', '.join(LOCALES)}, e.g. LEAD_SCORING_LOCALE=ja. Fix it in the environment or "
            ".env (see .env.example)."
        )
    return value


def pii_free() -> bool:
    """Publish the BI snapshot and the report without names, e-mails or phone numbers."""
    text = (os.environ.get("LEAD_SCORING_PII_FREE") or "false").strip().lower()
    if text not in ("true", "false", "1", "0", "yes", "no"):
        raise ConfigError(
            f"LEAD_SCORING_PII_FREE={text!r} is not usable: expected true or false, e.g. "
            "LEAD_SCORING_PII_FREE=true. Fix it in the environment or .env (see .env.example)."
        )
    return text in ("true", "1", "yes")


def pseudonym_key() -> str:
    """Secret mixed into pseudonymous lead keys, so they cannot be recomputed from CRM ids."""
    return os.environ.get("LEAD_SCORING_PSEUDONYM_KEY", "")


def reports_dir() -> Path:
    return _path("LEAD_SCORING_REPORTS_DIR", "data/reports")
