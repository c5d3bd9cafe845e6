"""Load landed event files (Segment JSON lines, SendGrid webhook arrays) into raw tables.

A file is read again only when its size or modification time changed since it was loaded,
and rows whose event id is already in the table are skipped, so re-running a load adds
nothing. Records that break the source's contract go to `raw._quarantine`; the good records
of the same file still load. One load (every changed file of a source) is one transaction.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from lead_scoring import settings
from lead_scoring.ingest.contracts import EMAIL_RULES, WEB_RULES, Contract, contract
from lead_scoring.ingest.file_readers import read_json_arrays, read_json_lines
from lead_scoring.ingest.load_log import LoadResult, record_load
from lead_scoring.ingest.record_sql import BLANK
from lead_scoring.ingest.records import drop_records, land_records, start_records

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LandingSource:
    table: str  # raw table name
    pattern: str  # glob inside the landing folder
    read: Callable[[duckdb.DuckDBPyConnection, list[Path]], None]  # files -> _ingest_records
    contract: Contract


WEB_EVENTS = LandingSource(
    table="web_events",
    pattern="*.jsonl",
    read=read_json_lines,
    contract=contract(
        "web_events",
        (
            "messageId",
            "type",
            "event",
            "name",
            "anonymousId",
            "userId",
            "timestamp",
            "sentAt",
            "receivedAt",
            "properties",
            "traits",
            "context",
        ),
        WEB_RULES,
        one_of=(("anonymousId", "userId"),),
    ),
)

EMAIL_EVENTS = LandingSource(
    table="email_events",
    pattern="*.json",
    read=read_json_arrays,
    contract=contract(
        "email_events",
        (
            "sg_event_id",
            "sg_message_id",
            "email",
            "event",
            "timestamp",
            "url",
            "category",
            "useragent",
            "ip",
            "reason",
            "status",
            "type",
            "response",
            "attempt",
            "smtp-id",
            "asm_group_id",
            "marketing_campaign_id",
        ),
        EMAIL_RULES,
    ),
)


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
    con: duckdb.DuckDBPyConnection,
    source: LandingSource,
    folder: Path,
    load_id: str,
    max_record_bytes: int | None = None,
) -> LoadResult:
    """Land the records of every new or changed file in `folder` in one transaction."""
    changed, skipped = _changed_files(con, source, folder)
    start_records(con)
    source.read(con, changed)  # into a temp table, before the transaction: reads may fail
    con.execute("begin transaction")
    try:
        result = LoadResult()
        if changed:
            limit = max_record_bytes or settings.max_record_bytes()
            result = land_records(con, source.contract, load_id, limit)
        result.sources, result.files_skipped = len(changed), skipped
        result.empty_sources = _empty_files(con, changed)
        _record_files(con, source, changed, load_id)
        record_load(con, source.table, load_id, result)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    finally:
        drop_records(con)
    log.info(
        "%s: %d files, %d new rows, %d quarantined",
        source.table,
        len(changed),
        result.rows_inserted,
        result.rows_quarantined,
    )
    return result


def _empty_files(con: duckdb.DuckDBPyConnection, files: list[Path]) -> list[str]:
    sql = f"select distinct source from _ingest_records where problem is not null or not ({BLANK})"
    with_records = {row[0] for row in con.execute(sql).fetchall()}
    return [str(f) for f in files if str(f) not in with_records]


def _record_files(con, source: LandingSource, files: list[Path], load_id: str) -> None:
    if not files:
        return
    counts = dict(
        con.execute(
            f"select _source, count(*) from raw.{source.table} where _load_id = ? group by 1",
            [load_id],
        ).fetchall()
    )
    con.executemany(
        "insert into raw._landing_files values (?, ?, ?, ?, ?, ?, now())",
        [
            (
                source.table,
                str(f),
                f.stat().st_size,
                f.stat().st_mtime_ns,
                counts.get(str(f), 0),
                load_id,
            )
            for f in files
        ],
    )
