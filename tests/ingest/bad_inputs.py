"""Helpers for the bad-input tests: a warehouse per load, raw rows without load metadata, and
a case type (records with some bad ones, and the quarantine rows they must give)."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import duckdb

from lead_scoring.ingest.raw_tables import RAW_TABLES
from lead_scoring.ingest.warehouse import ensure_raw_schema

WEB_DAY = "2026-11-20"


@dataclass(frozen=True)
class Case:
    """`records`: what the source sends, in order (dicts are good records unless their position
    is in `quarantined`; bytes/str are written as they are). `quarantined`: position -> reason."""

    records: list
    quarantined: dict[int, str] = field(default_factory=dict)
    skipped: int = 0  # good copies that are re-deliveries (already in the load)

    def good(self) -> list:
        return [
            record
            for position, record in enumerate(self.records, start=1)
            if position not in self.quarantined and isinstance(record, dict)
        ]


@contextmanager
def warehouse() -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(":memory:")
    con.execute("set TimeZone = 'UTC'")
    ensure_raw_schema(con)
    try:
        yield con
    finally:
        con.close()


def raw_rows(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple]:
    """The table's contract columns and `_extra`, sorted: what must match a clean load."""
    columns = ", ".join(f'"{c}"' for c in [*RAW_TABLES[table][0], "_extra"])
    return con.execute(f"select {columns} from raw.{table} order by all").fetchall()


def quarantine(con: duckdb.DuckDBPyConnection) -> dict[int, str]:
    rows = con.execute("select position, reason from raw._quarantine order by position")
    return dict(rows.fetchall())


def nothing_landed(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    counts = con.execute(
        f"select (select count(*) from raw.{table}), (select count(*) from raw._quarantine), "
        "(select count(*) from raw._loads), (select count(*) from raw._landing_files)"
    ).fetchone()
    return counts == (0, 0, 0, 0)
