"""`raw._loads`: one row per load (table and run), with what happened to its records.

records_read = rows_inserted + rows_skipped + rows_quarantined. Skipped rows were already in
raw (a re-read) or repeated within the load with the same content (a re-delivery). The data
checks read it for the quarantine rate and for which loads they have not validated yet.
"""

from dataclasses import asdict, dataclass, field

import duckdb

LOADS_DDL = """
create table if not exists raw._loads (
    load_id varchar,
    table_name varchar,
    loaded_at timestamptz,
    sources bigint,          -- files or pages read
    records_read bigint,
    rows_inserted bigint,
    rows_skipped bigint,
    rows_quarantined bigint,
    new_fields varchar[],    -- source fields outside the contract, kept in `_extra`
    unread_files varchar[]   -- files in the landing folder the source's rule does not read
)
"""
LOADS_NEW_COLUMNS = ["alter table raw._loads add column if not exists unread_files varchar[]"]


@dataclass
class LoadResult:
    records_read: int = 0
    rows_inserted: int = 0
    rows_skipped: int = 0
    rows_quarantined: int = 0
    new_fields: list[str] = field(default_factory=list)
    sources: int = 0  # files or pages read in this load
    files_skipped: int = 0  # landing files unchanged since they were loaded
    empty_sources: list[str] = field(default_factory=list)  # files or pages without records
    echoes: int = 0  # CRM records skipped as the echo of our own write (in rows_skipped too)
    unread_files: list[str] = field(default_factory=list)  # landing files the rule does not read
    files_waiting: list[str] = field(default_factory=list)  # being written: read on a later run

    @property
    def quarantine_rate(self) -> float | None:
        return self.rows_quarantined / self.records_read if self.records_read else None

    def metadata(self) -> dict:
        return {**asdict(self), "quarantine_rate": self.quarantine_rate}


def record_load(con: duckdb.DuckDBPyConnection, table: str, load_id: str, result: LoadResult):
    con.execute(
        "insert into raw._loads (load_id, table_name, loaded_at, sources, records_read,"
        " rows_inserted, rows_skipped, rows_quarantined, new_fields, unread_files)"
        " values (?, ?, now(), ?, ?, ?, ?, ?, ?, ?)",
        [
            load_id,
            table,
            result.sources,
            result.records_read,
            result.rows_inserted,
            result.rows_skipped,
            result.rows_quarantined,
            result.new_fields,
            result.unread_files,
        ],
    )
