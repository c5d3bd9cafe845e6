"""Opening the DuckDB warehouse and making sure the raw layer exists."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from lead_scoring import settings
from lead_scoring.ingest.key_hashes import ensure_key_hashes
from lead_scoring.ingest.load_log import LOADS_DDL, LOADS_NEW_COLUMNS
from lead_scoring.ingest.quarantine import QUARANTINE_DDL
from lead_scoring.ingest.raw_tables import RAW_TABLES, add_missing_columns_sql, create_table_sql

LANDING_FILES_DDL = """
create table if not exists raw._landing_files (
    table_name varchar,
    path varchar,
    size_bytes bigint,
    modified_ns bigint,
    rows_loaded bigint,
    _load_id varchar,
    _loaded_at timestamptz,
    lines_loaded bigint,    -- lines of the file loaded so far (a grown file: read past them)
    tail_pending boolean    -- a last line without its newline was held back
)
"""
LANDING_FILES_NEW_COLUMNS = [
    "alter table raw._landing_files add column if not exists lines_loaded bigint",
    "alter table raw._landing_files add column if not exists tail_pending boolean",
]


@contextmanager
def connect(path: Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """One connection for the caller's work; closed on exit so dbt can open the file next.

    Times without an offset are read as UTC, as dbt's profile does, whatever the machine's zone.
    """
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    try:
        con.execute("set TimeZone = 'UTC'")
        # DuckDB's default is 80% of RAM; a bounded pool spills big loads to disk instead
        con.execute("set memory_limit = ?", [settings.duckdb_memory_limit()])
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """The block's writes commit together or not at all (an exception rolls them back)."""
    con.execute("begin transaction")
    try:
        yield
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists raw")
    for table in RAW_TABLES:
        con.execute(create_table_sql(table))
        for statement in add_missing_columns_sql(table):
            con.execute(statement)
    con.execute(LANDING_FILES_DDL)
    con.execute(QUARANTINE_DDL)
    con.execute(LOADS_DDL)
    for statement in LANDING_FILES_NEW_COLUMNS + LOADS_NEW_COLUMNS:
        con.execute(statement)
    ensure_key_hashes(con)


def table_columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> list[str]:
    rows = con.execute(
        "select column_name from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, table],
    ).fetchall()
    return [row[0] for row in rows]
