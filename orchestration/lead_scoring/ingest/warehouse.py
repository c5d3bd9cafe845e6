"""Opening the DuckDB warehouse and making sure the raw layer exists."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from lead_scoring.ingest.raw_tables import RAW_TABLES, create_table_sql

LANDING_FILES_DDL = """
create table if not exists raw._landing_files (
    table_name varchar,
    path varchar,
    size_bytes bigint,
    modified_ns bigint,
    rows_loaded bigint,
    _load_id varchar,
    _loaded_at timestamptz
)
"""


@contextmanager
def connect(path: Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """One connection for the caller's work; closed on exit so dbt can open the file next."""
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    try:
        yield con
    finally:
        con.close()


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists raw")
    for table in RAW_TABLES:
        con.execute(create_table_sql(table))
    con.execute(LANDING_FILES_DDL)
