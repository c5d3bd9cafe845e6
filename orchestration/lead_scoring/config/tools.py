"""Executables the pipeline runs, found without relying on PATH or an activated venv."""

import shutil
import sys
from pathlib import Path

from lead_scoring.config.model import Settings


def dbt_executable(settings: Settings) -> Path | None:
    """LEAD_SCORING_DBT_EXECUTABLE, else the dbt installed beside the running interpreter (the
    venv's bin/), else dbt on PATH; None when there is none."""
    if settings.dbt_executable is not None:
        return settings.dbt_executable if settings.dbt_executable.is_file() else None
    beside = Path(sys.executable).parent / "dbt"
    if beside.is_file():
        return beside
    found = shutil.which("dbt")
    return Path(found) if found else None
