"""Write-audit-publish for BI: copy the audited marts into a new file, then swap it in.

dbt's `build` replaces a table before its tests run, so the warehouse itself cannot be what
BI reads. After every blocking check passed, the `marts` schema is copied into a fresh DuckDB
file beside the published one and `os.replace`d onto it: one atomic rename. BI readers keep
the last good snapshot while the next run writes (an open file keeps its old contents), and a
crash before the rename leaves the old snapshot untouched; the next publish removes the
half-written file. `publish.snapshot` inside the file says which run wrote it.
"""

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

SCHEMA = "marts"
METADATA_DDL = """
create table snapshot.publish.snapshot (
    run_id varchar, published_at timestamptz, table_name varchar, row_count bigint
)
"""


@dataclass(frozen=True)
class Published:
    path: Path
    row_counts: dict[str, int]


def _work_files(target: Path) -> list[Path]:
    """Half-written snapshots (and their WAL) left by a publish that did not finish."""
    return sorted(target.parent.glob(f".{target.name}.*.tmp*"))


def _fsync(path: Path, directory: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables "
        "where table_catalog = current_database() and table_schema = ? order by 1",
        [SCHEMA],
    ).fetchall()
    return [row[0] for row in rows]


def _copy(con: duckdb.DuckDBPyConnection, work: Path, run_id: str) -> dict[str, int]:
    con.execute(f"attach '{work}' as snapshot")
    try:
        con.execute(f"create schema snapshot.{SCHEMA}")
        con.execute("create schema snapshot.publish")
        con.execute(METADATA_DDL)
        counts = {}
        for table in _tables(con):
            counts[table] = con.execute(  # DuckDB answers with the rows copied
                f'create table snapshot.{SCHEMA}."{table}" as select * from {SCHEMA}."{table}"'
            ).fetchone()[0]
            con.execute(
                "insert into snapshot.publish.snapshot values (?, now(), ?, ?)",
                [run_id, table, counts[table]],
            )
        con.execute("checkpoint snapshot")  # everything in the file itself, no WAL beside it
    finally:
        con.execute("detach snapshot")
    return counts


def publish_marts(con: duckdb.DuckDBPyConnection, target: Path, run_id: str) -> Published:
    """Copy the warehouse's `marts` (on `con`) to `target`, atomically replacing it."""
    if not _tables(con):
        raise ValueError(f"the warehouse has no `{SCHEMA}` tables to publish: build them first")
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in _work_files(target):
        stale.unlink()
    work = target.with_name(f".{target.name}.{run_id}.tmp")
    counts = _copy(con, work, run_id)
    _fsync(work)
    os.replace(work, target)
    _fsync(target.parent, directory=True)  # the rename itself survives a power cut
    return Published(path=target, row_counts=counts)
