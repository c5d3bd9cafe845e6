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
