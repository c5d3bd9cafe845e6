"""Write-audit-publish for BI: copy the audited marts into a new file, then swap it in.

dbt's `build` replaces a table before its tests run, so the warehouse itself cannot be what
BI reads. After every blocking check passed, the `marts` schema is copied into a fresh DuckDB
file beside the published one and `os.replace`d onto it: one atomic rename. BI readers keep
the last good snapshot while the next run writes (an open file keeps its old contents), and a
crash before the rename leaves the old snapshot untouched; the next publish removes the
half-written file. `publish.snapshot` inside the file says which run wrote it.

With a pseudonym key the copy is the PII-free variant (`report/pii.py`): no names, e-mails or
phone numbers, lead ids replaced by stable pseudonymous keys. `ops` holds the data-health
tables the report shows (`report/health.py`), so the snapshot alone can regenerate it.
"""

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from lead_scoring.report import pii

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


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "select column_name from information_schema.columns where table_catalog = "
        "current_database() and table_schema = ? and table_name = ? order by ordinal_position",
        [SCHEMA, table],
    ).fetchall()
    return [row[0] for row in rows]


def _copy_ops(con: duckdb.DuckDBPyConnection, ops: dict[str, pd.DataFrame]) -> None:
    if not ops:
        return
    con.execute("create schema snapshot.ops")
    for name, frame in ops.items():
        con.register("_ops_frame", frame)
        try:
            con.execute(f'create table snapshot.ops."{name}" as select * from _ops_frame')
        finally:
            con.unregister("_ops_frame")


def _copy(
    con: duckdb.DuckDBPyConnection,
    work: Path,
    run_id: str,
    pii_key: str | None,
    ops: dict[str, pd.DataFrame],
) -> dict[str, int]:
    con.execute(f"attach '{work}' as snapshot")
    try:
        con.execute(f"create schema snapshot.{SCHEMA}")
        con.execute("create schema snapshot.publish")
        con.execute(METADATA_DDL)
        _copy_ops(con, ops)
        counts = {}
        for table in _tables(con):
            columns = "*" if pii_key is None else pii.select_list(_columns(con, table), pii_key)
            counts[table] = con.execute(  # DuckDB answers with the rows copied
                f'create table snapshot.{SCHEMA}."{table}" as '
                f'select {columns} from {SCHEMA}."{table}"'
            ).fetchone()[0]
            con.execute(
                "insert into snapshot.publish.snapshot values (?, now(), ?, ?)",
                [run_id, table, counts[table]],
            )
        con.execute("checkpoint snapshot")  # everything in the file itself, no WAL beside it
    finally:
        con.execute("detach snapshot")
    return counts


def publish_marts(
    con: duckdb.DuckDBPyConnection,
    target: Path,
    run_id: str,
    *,
    pii_key: str | None = None,
    ops: dict[str, pd.DataFrame] | None = None,
) -> Published:
    """Copy the warehouse's `marts` (on `con`) to `target`, atomically replacing it; with a
    `pii_key`, the PII-free variant. `ops`: data-health tables stored beside the marts."""
    if not _tables(con):
        raise ValueError(f"the warehouse has no `{SCHEMA}` tables to publish: build them first")
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in _work_files(target):
        stale.unlink()
    work = target.with_name(f".{target.name}.{run_id}.tmp")
    counts = _copy(con, work, run_id, pii_key, ops or {})
    _fsync(work)
    os.replace(work, target)
    _fsync(target.parent, directory=True)  # the rename itself survives a power cut
    return Published(path=target, row_counts=counts)
