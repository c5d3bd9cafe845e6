"""Load landed event files (Segment JSON lines, SendGrid webhook arrays) into raw tables.

A file is read again only when its size or modification time changed since it was loaded, and
rows whose event id is already in the table are skipped, so re-running a load adds nothing.
"""

import logging
from dataclasses import dataclass
from pathlib import Path

import duckdb

from lead_scoring.ingest.naming import raw_column_name
from lead_scoring.ingest.raw_tables import RAW_TABLES

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LandingSource:
    table: str  # raw table name
    pattern: str  # glob inside the landing folder
    json_format: str  # DuckDB read_json format
    source_keys: tuple[str, ...]  # the source's own field names, as they appear in the JSON


WEB_EVENTS = LandingSource(
    table="web_events",
    pattern="*.jsonl",
    json_format="newline_delimited",
    source_keys=(
        "messageId", "type", "event", "name", "anonymousId", "userId", "timestamp",
        "sentAt", "receivedAt", "properties", "traits", "context",
    ),
)  # fmt: skip

EMAIL_EVENTS = LandingSource(
    table="email_events",
    pattern="*.json",
    json_format="array",
    source_keys=(
        "sg_event_id", "sg_message_id", "email", "event", "timestamp", "url", "category",
        "useragent", "ip", "reason", "status", "type", "response", "attempt", "smtp-id",
        "asm_group_id", "marketing_campaign_id",
    ),
)  # fmt: skip


@dataclass(frozen=True)
class LoadResult:
    files_loaded: int
    files_skipped: int
    rows_inserted: int


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _select_sql(source: LandingSource, files: list[Path]) -> str:
    """A SELECT that reads the files with the raw table's types, renaming keys to raw columns."""
    columns, keys = RAW_TABLES[source.table]
    json_columns = ", ".join(
        f"{_sql_string(key)}: {_sql_string(columns[raw_column_name(key)])}"
        for key in source.source_keys
    )
    renames = ", ".join(f'"{key}" as "{raw_column_name(key)}"' for key in source.source_keys)
    file_list = "[" + ", ".join(_sql_string(str(f)) for f in files) + "]"
    key_list = ", ".join(f'"{k}"' for k in keys)
    return f"""
        select {renames}, filename as _source
        from read_json({file_list}, format = {_sql_string(source.json_format)},
                       columns = {{{json_columns}}}, filename = true)
        qualify row_number() over (partition by {key_list} order by filename) = 1
    """


def _changed_files(con: duckdb.DuckDBPyConnection, source: LandingSource, folder: Path):
    loaded = {
        (path, size, mtime)
        for path, size, mtime in con.execute(
            "select path, size_bytes, modified_ns from raw._landing_files where table_name = ?",
            [source.table],
        ).fetchall()
    }
    files = sorted(folder.glob(source.pattern))
    changed = [f for f in files if (str(f), f.stat().st_size, f.stat().st_mtime_ns) not in loaded]
    return changed, len(files) - len(changed)


def load_landing_files(
    con: duckdb.DuckDBPyConnection, source: LandingSource, folder: Path, load_id: str
) -> LoadResult:
    """Insert the new rows of every new or changed file in `folder` in one transaction."""
    changed, skipped = _changed_files(con, source, folder)
    if not changed:
        return LoadResult(files_loaded=0, files_skipped=skipped, rows_inserted=0)
    _, keys = RAW_TABLES[source.table]
    key_match = " and ".join(f'existing."{k}" = new."{k}"' for k in keys)
    con.execute("begin transaction")
    try:
        before = con.execute(f"select count(*) from raw.{source.table}").fetchone()[0]
        con.execute(
            f"""
            insert into raw.{source.table} by name
            select new.*, now() as _loaded_at, ? as _load_id
            from ({_select_sql(source, changed)}) as new
            where not exists (select 1 from raw.{source.table} existing where {key_match})
            """,
            [load_id],
        )
        after = con.execute(f"select count(*) from raw.{source.table}").fetchone()[0]
        _record_files(con, source, changed, load_id)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    log.info("%s: %d files, %d new rows", source.table, len(changed), after - before)
    return LoadResult(
        files_loaded=len(changed), files_skipped=skipped, rows_inserted=after - before
    )


def _record_files(con, source: LandingSource, files: list[Path], load_id: str) -> None:
    counts = dict(
        con.execute(
            f"select _source, count(*) from raw.{source.table} where _load_id = ? group by 1",
            [load_id],
        ).fetchall()
    )
    con.executemany(
        "insert into raw._landing_files values (?, ?, ?, ?, ?, ?, now())",
        [
            (source.table, str(f), f.stat().st_size, f.stat().st_mtime_ns,
             counts.get(str(f), 0), load_id)
            for f in files
        ],
    )  # fmt: skip
