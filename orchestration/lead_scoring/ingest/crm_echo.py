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

import duckdb

from lead_scoring.ingest.contracts import OBJECT, Contract, Field
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


def _canonical_sql(field: Field) -> str:
    """One text per value whatever the reader, so a bulk CSV and a Get Records page of the
    same record hash alike: a lookup by its id, a number as a double, empty text as null."""
    key = field.key.replace("'", "''")
    if field.kinds == OBJECT:
        return f"""json_extract_string(payload, '$."{key}".id')"""
    value = f"""nullif(json_extract_string(payload, '$."{key}"'), '')"""
    if field.columns and field.columns[0].sql_type in ("BIGINT", "DOUBLE"):
        return f"coalesce(try_cast({value} as double)::varchar, {value})"
    return value


def source_hash_sql(contract: Contract) -> str:
    """md5 of the source-owned fields of the JSON `payload`, null-safe and in order."""
    owned = [f for f in contract.fields if f.key not in NOT_SOURCE_OWNED]
    parts = ", ".join(f"coalesce({_canonical_sql(f)}, chr(0))" for f in owned)
    return f"md5(concat_ws(chr(31), {parts}))"


def start_versions(con: duckdb.DuckDBPyConnection, contract: Contract) -> None:
    """`_crm_versions`: id, Modified_Time and source hash of each record in `_ingest_records`."""
    con.execute("create schema if not exists raw")
    con.execute(HASHES_DDL)
    con.execute(MARKS_DDL)
    con.execute(
        f"""
        create or replace temp table _crm_versions as
        select source, position,
            json_extract_string(payload, '$.id') as id,
            json_extract_string(payload, '$.Modified_Time') as modified_time,
            {source_hash_sql(contract)} as source_hash
        from _ingest_records
        where json_valid(payload) and json_type(payload) = 'OBJECT'
        """
    )


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
