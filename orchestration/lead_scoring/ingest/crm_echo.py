"""No echo of our own writes: a CRM record version lands only when a source-owned field changed.

Every score write bumps the lead's Modified_Time, so the next incremental read returns every
lead the sync wrote. Landing those would store a new version of the whole scored population
each night. Instead each record read gets a hash of its source-owned fields (every field read
except the ones the pipeline writes and Modified_Time); a record whose hash equals the one of
the latest version landed for its id is an echo: counted, not landed. A person's edit to any
other field changes the hash and lands, whoever else wrote the lead. Integration-user
recognition (Modified_By) was not used: a person and the sync can edit the same lead between
two reads, and the hash still sees the person's change.

`raw._crm_source_hashes` keeps the latest hash per (table, id) and `raw._crm_read_marks` how
far each load read: the time the read started (or, without one, the newest Modified_Time it
saw, echoes included), so the next read starts there instead of re-reading last night's
echoes every night.
"""

import hashlib
import json

import duckdb
import pyarrow as pa

from lead_scoring.reverse_etl.score_sync import CRM_FIELDS

# fields the pipeline itself writes to Leads (one definition: the sync's field map)
PIPELINE_WRITTEN = frozenset(CRM_FIELDS.values())
NOT_SOURCE_OWNED = PIPELINE_WRITTEN | {"Modified_Time", "Modified_By", "Tag"}

HASHES_DDL = """
create table if not exists raw._crm_source_hashes (
    table_name varchar not null,
    id varchar not null,
    source_hash varchar not null,  -- md5 of the source-owned fields of the latest version
    modified_time varchar,         -- that version's Modified_Time, as sent
    _load_id varchar,
    primary key (table_name, id)
)
"""
MARKS_DDL = """
create table if not exists raw._crm_read_marks (
    table_name varchar, read_through timestamptz, echoes bigint, _load_id varchar
)
"""
VERSIONS_SCHEMA = pa.schema(
    [
        ("source", pa.string()),
        ("position", pa.int64()),
        ("id", pa.string()),
        ("modified_time", pa.string()),
        ("source_hash", pa.string()),
    ]
)


def _canonical(value):
    """One form per value whatever the reader: REST JSON and bulk CSV give the same hash."""
    if isinstance(value, dict):  # a lookup: its id is what the source owns
        return _canonical(value.get("id"))
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        return value if value != "" else None
    return json.dumps(value, sort_keys=True)


def source_hash(record: dict) -> str:
    owned = {k: _canonical(v) for k, v in record.items() if k not in NOT_SOURCE_OWNED}
    text = json.dumps(owned, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.md5(text.encode()).hexdigest()


def version_row(source: str, position: int, record) -> dict:
    """What `_crm_versions` keeps of one record read (nothing usable for a malformed one)."""
    if not isinstance(record, dict):
        return {"source": source, "position": position}
    modified = record.get("Modified_Time")
    return {
        "source": source,
        "position": position,
        "id": None if record.get("id") is None else str(record["id"]),
        "modified_time": modified if isinstance(modified, str) else None,
        "source_hash": source_hash(record),
    }


def start_versions(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists raw")
    con.execute(HASHES_DDL)
    con.execute(MARKS_DDL)
    con.execute(
        "create or replace temp table _crm_versions (source varchar, position bigint, "
        "id varchar, modified_time varchar, source_hash varchar)"
    )


def add_versions(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> None:
    if not rows:
        return
    con.register("_crm_versions_batch", pa.Table.from_pylist(rows, schema=VERSIONS_SCHEMA))
    try:
        con.execute("insert into _crm_versions select * from _crm_versions_batch")
    finally:
        con.unregister("_crm_versions_batch")


def drop_echoes(con: duckdb.DuckDBPyConnection, table: str) -> int:
    """Remove echoes from `_ingest_records`; their count. Call inside the load's transaction."""
    con.execute(
        """
        create or replace temp table _crm_echoes as
        select v.source, v.position, v.modified_time from _crm_versions v
        join raw._crm_source_hashes h
            on h.table_name = ? and h.id = v.id and h.source_hash = v.source_hash
        """,
        [table],
    )
    con.execute(
        "delete from _ingest_records where (source, position) in "
        "(select (source, position) from _crm_echoes)"
    )
    return con.execute("select count(*) from _crm_echoes").fetchone()[0]


def remember(
    con: duckdb.DuckDBPyConnection, table: str, load_id: str, echoes: int, read_started=None
) -> None:
    """The hash of each id's newest version now in raw, and how far this load read."""
    con.execute(
        f"""
        insert or replace into raw._crm_source_hashes
        select ?, v.id, v.source_hash, v.modified_time, ?
        from _crm_versions v
        join raw.{table} r on r.id = v.id and r.modified_time = v.modified_time
        left join raw._crm_source_hashes h on h.table_name = ? and h.id = v.id
        where try_cast(v.modified_time as timestamptz)
            >= coalesce(try_cast(h.modified_time as timestamptz), '-infinity'::timestamptz)
        qualify row_number() over (
            partition by v.id order by try_cast(v.modified_time as timestamptz) desc
        ) = 1
        """,
        [table, load_id, table],
    )
    con.execute(
        "insert into raw._crm_read_marks select ?, coalesce(?::timestamptz, "
        "max(try_cast(modified_time as timestamptz))), ?, ? from _crm_versions "
        "having coalesce(?::timestamptz, max(try_cast(modified_time as timestamptz))) is not null",
        [table, read_started, echoes, load_id, read_started],
    )


def drop_versions(con: duckdb.DuckDBPyConnection) -> None:
    for name in ("_crm_versions", "_crm_echoes"):
        con.execute(f"drop table if exists {name}")


def read_through(con: duckdb.DuckDBPyConnection, table: str):
    """How far the loads of `table` have read (None before any), for the next read's start."""
    con.execute("create schema if not exists raw")
    con.execute(MARKS_DDL)
    return con.execute(
        "select max(read_through) from raw._crm_read_marks where table_name = ?", [table]
    ).fetchone()[0]
