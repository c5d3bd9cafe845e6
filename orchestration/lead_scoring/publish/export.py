"""Scores as files: `marts.lead_scores` written to CSV and Parquet after every good run.

Without a CRM (LEAD_SCORING_CRM=none) these files are where the scores go; with one they are a
copy for spreadsheets and other tools. Each file is written beside its target under a hidden
work name and `os.replace`d onto it, so a reader sees the last good export or the new one,
never half a file; a crash leaves the old export in place.
"""

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

TABLE = "marts.lead_scores"
FORMATS = {"csv": "(format csv, header true)", "parquet": "(format parquet)"}


def fsync_path(path: Path, directory: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class Exported:
    files: list[Path]
    rows: int


def _write(con: duckdb.DuckDBPyConnection, target: Path, options: str, run_id: str) -> None:
    work = target.parent / f".{target.name}.{run_id}.tmp"
    try:
        con.execute(f"copy (select * from {TABLE} order by lead_id) to '{work}' {options}")
        fsync_path(work)
        os.replace(work, target)
    finally:
        work.unlink(missing_ok=True)


def export_lead_scores(con: duckdb.DuckDBPyConnection, folder: Path, run_id: str) -> Exported:
    """`lead_scores.csv` and `lead_scores.parquet` in `folder`, each replaced atomically."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for suffix, options in FORMATS.items():
        target = folder / f"lead_scores.{suffix}"
        _write(con, target, options, run_id)
        files.append(target)
    fsync_path(folder, directory=True)
    rows = con.execute(f"select count(*) from {TABLE}").fetchone()[0]
    return Exported(files=files, rows=rows)
