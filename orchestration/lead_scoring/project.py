"""Where the project's own files are: resolved from this file, never from the working directory."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
DAGSTER_HOME = PROJECT_ROOT / ".dagster_home"
