"""Helpers: a temporary DuckDB warehouse with raw tables, and dbt run as a subprocess."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from lead_scoring.ingest.raw_tables import RAW_TABLES, create_table_sql

REPO = Path(__file__).resolve().parents[2]
PROJECT = REPO / "dbt_project"
DBT = Path(sys.executable).parent / "dbt"


def create_raw_warehouse(path: Path, rows_by_table: dict[str, list[dict]]) -> None:
    """Create schema raw with every raw table and insert the given rows (missing columns NULL)."""
    with duckdb.connect(str(path)) as con:
        con.execute("create schema if not exists raw")
        for table in RAW_TABLES:
            con.execute(create_table_sql(table))
        for table, rows in rows_by_table.items():
            for row in rows:
                row = {
                    **row,
                    "_loaded_at": "2026-11-19 23:00:00+00",
                    "_source": "test",
                    "_load_id": "load-1",
                }
                names = ", ".join(f'"{name}"' for name in row)
                marks = ", ".join("?" for _ in row)
                con.execute(
                    f"insert into raw.{table} ({names}) values ({marks})", list(row.values())
                )


def copy_project(destination: Path) -> Path:
    """A copy of the dbt project without its build output, to change seeds safely."""
    shutil.copytree(
        PROJECT,
        destination,
        ignore=shutil.ignore_patterns("target", "logs", "dbt_packages", ".user.yml"),
    )
    return destination


def dbt_location_args(project: Path, work_dir: Path) -> list[str]:
    """The project and its profile, with build output and logs in `work_dir`, so tests never
    touch the project's own target/ and logs/."""
    return [
        "--project-dir",
        str(project),
        "--profiles-dir",
        str(project),
        "--target-path",
        str(work_dir / "target"),
        "--log-path",
        str(work_dir / "logs"),
    ]


def run_dbt(
    args: list[str],
    warehouse: Path,
    work_dir: Path,
    project: Path = PROJECT,
    extra_env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    """`dbt <args>` as a subprocess on `warehouse`; build output and logs go to `work_dir`
    so tests never touch the project's own target/ and logs/."""
    env = {
        **os.environ,
        "LEAD_SCORING_DUCKDB": str(warehouse),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        **(extra_env or {}),
    }
    command = [str(DBT), *args, *dbt_location_args(project, work_dir)]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)


def vars_arg(score_as_of: str) -> list[str]:
    return ["--vars", f'{{score_as_of: "{score_as_of}"}}']


def seed_path(project: Path, seed: str) -> Path:
    """A seed CSV of the project: the lesson profile's score rules, or a shared seed."""
    profile = project / "profiles" / "lesson" / f"{seed}.csv"
    return profile if profile.exists() else project / "seeds" / f"{seed}.csv"


def edit_seed(project: Path, seed: str, old: str, new: str) -> None:
    """Replace one exact line part in a seed CSV of a project copy."""
    path = seed_path(project, seed)
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {seed}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def query(warehouse: Path, sql: str) -> list[tuple]:
    """Rows of a read-only query on the warehouse."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()
