"""A 64-bit hash of every key in a raw table, so a load finds the keys raw already holds
without reading every key raw holds.

Each raw table has `raw._<table>_keys` (key_hash UBIGINT): DuckDB's `hash()` of the row's key
columns, written in the same transaction as the rows. A load looks its keys up there first;
only the records whose hash is found (re-deliveries, re-reads, the rare collision) are checked
against raw's own key columns, which stay the one truth: a hash never skips a record by itself.
Scanning 8-byte hashes instead of every event id made the check of a day's keys a small part
of its landing (docs/performance.md, target 3).

DuckDB does not promise that `hash()` gives the same value in another version: the value it
gives a fixed text is kept in `raw._key_hash_canary`, and when the running DuckDB gives
another, every key table is built again from raw (as for a warehouse from before these
tables). A missing hash would let a re-delivered event land twice; a stale one costs a look.
"""

import logging

import duckdb

from lead_scoring.ingest.raw_tables import RAW_TABLES

log = logging.getLogger(__name__)

CANARY_SQL = "select hash('lead-scoring: raw key hashes')"
CANARY_DDL = "create table if not exists raw._key_hash_canary (canary ubigint)"


def keys_table(table: str) -> str:
    return f"raw._{table}_keys"


def key_hash_sql(keys: tuple[str, ...], alias: str) -> str:
    """The hash of one row's key columns (`alias`."key", ...)."""
    return "hash(" + ", ".join(f'{alias}."{k}"::varchar' for k in keys) + ")"


def _existing_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "select table_name from information_schema.tables where table_schema = 'raw'"
    ).fetchall()
    return {row[0] for row in rows}


def ensure_key_hashes(con: duckdb.DuckDBPyConnection) -> None:
    """Every raw table's key table, built from raw where it is missing or was made by a DuckDB
    whose `hash()` differs; all of them in one transaction (the caller holds none)."""
    con.execute(CANARY_DDL)
    canary = con.execute(CANARY_SQL).fetchone()[0]
    stored = con.execute("select any_value(canary) from raw._key_hash_canary").fetchone()[0]
    existing = _existing_tables(con)
    stale = [t for t in RAW_TABLES if stored != canary or f"_{t}_keys" not in existing]
    if not stale:
        return
    con.execute("begin transaction")
    try:
        for table in stale:
            keys = RAW_TABLES[table][1]
            log.info("raw.%s: writing the hash of every key to %s", table, keys_table(table))
            con.execute(
                f"create or replace table {keys_table(table)} as "
                f"select {key_hash_sql(keys, 'r')} as key_hash from raw.{table} as r"
            )
        con.execute("delete from raw._key_hash_canary")
        con.execute("insert into raw._key_hash_canary values (?)", [canary])
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")


def mark_landed_before(con: duckdb.DuckDBPyConnection, table: str, keys: tuple[str, ...]) -> None:
    """`_ingest_landed` (source, position): the good records of `_ingest_checked` whose key
    raw already holds. The hashes find the candidates; raw's key columns decide, and are read
    only when there is a candidate."""
    new_hash = key_hash_sql(keys, "new")
    con.execute(
        f"""create or replace temp table _ingest_landed as
        select source, position from _ingest_checked as new
        where reason is null
            and {new_hash} in (select key_hash from {keys_table(table)})"""
    )
    if con.execute("select count(*) from _ingest_landed").fetchone()[0] == 0:
        return
    match = " and ".join(f'existing."{k}" = new."{k}"' for k in keys)
    con.execute(
        f"""create or replace temp table _ingest_landed as
        select source, position from _ingest_checked as new
        semi join _ingest_landed using (source, position)
        where exists (select 1 from raw.{table} as existing where {match})"""
    )


def record_key_hashes(
    con: duckdb.DuckDBPyConnection, table: str, keys: tuple[str, ...], inserted: str
) -> None:
    """Add the hashes of the rows a load inserted into raw (`inserted`: the FROM and WHERE
    that chose them, the row named `new`), in the load's transaction."""
    con.execute(
        f"insert into {keys_table(table)} select {key_hash_sql(keys, 'new')} from {inserted}"
    )
