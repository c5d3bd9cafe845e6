"""Load landed event files (Segment JSON lines, SendGrid webhook arrays) into raw tables.

Which files a source reads is `landing_rule`'s one rule; every other file is reported (load
metadata, log, `raw._loads.unread_files`). How a file still being written is read without
losing or doubling a record is `in_flight`'s. Rows whose event id is already in the table are
skipped, so re-running a load adds nothing. Records that break the source's contract go to
`raw._quarantine`; the good records of the same file still load. One load (every changed file
of a source) is one transaction, unless its text is bigger than LEAD_SCORING_LOAD_PART_MB: then
it lands as several loads of consecutive files, so a backfill's disk and memory stay bounded.
"""

import logging
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb

from lead_scoring import settings
from lead_scoring.ingest.contracts import EMAIL_RULES, WEB_RULES, Contract, contract
from lead_scoring.ingest.decompress import CompressedFileError, decompressed_copy
from lead_scoring.ingest.direct_reads import read_directly
from lead_scoring.ingest.file_readers import insert_rows, read_landing_files
from lead_scoring.ingest.in_flight import (
    Planned,
    keep_complete_new_lines,
    plan_reads,
    previous_looks,
    record_looks,
)
from lead_scoring.ingest.landing_rule import (
    ARRAY,
    LINES,
    LandingFile,
    LandingRule,
    find_landing_files,
)
from lead_scoring.ingest.load_log import LoadResult, record_load
from lead_scoring.ingest.record_sql import BLANK
from lead_scoring.ingest.records import drop_records, land_records, start_records
from lead_scoring.ingest.warehouse import transaction

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LandingSource:
    table: str  # raw table name
    rule: LandingRule  # which files of the landing folder it reads
    contract: Contract
    read: Callable[[duckdb.DuckDBPyConnection, list[LandingFile]], None] = read_landing_files


WEB_EVENTS = LandingSource(
    table="web_events",
    # Segment writes JSON lines; its S3 destination names them <timestamp>.<id>.gz
    rule=LandingRule({".jsonl": LINES, ".ndjson": LINES, ".json": LINES}, bare_compressed=LINES),
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
    # a SendGrid webhook POST is a JSON array; a relay may append them as JSON lines
    rule=LandingRule({".json": ARRAY, ".jsonl": LINES, ".ndjson": LINES}),
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


def _readable(con, planned: list[Planned], scratch: Path) -> list[LandingFile]:
    """The text of each file to read: itself, or its decompressed copy. A stream that cannot
    be decompressed waits one look, then is quarantined whole with the codec's reason."""
    readable = []
    for number, p in enumerate(planned):
        text = p.file.path
        if p.file.compression:
            try:
                text = decompressed_copy(p.file.path, p.file.compression, scratch, number)
            except CompressedFileError as err:
                p.waiting = p.broken_stream = not p.settled
                if p.settled:
                    problem = f"compressed file {err}"
                    row = {
                        "source": str(p.file.path),
                        "position": 0,
                        "payload": "",
                        "problem": problem,
                    }
                    insert_rows(con, [row])
                continue
        p.file = replace(p.file, readable=text)
        readable.append(p.file)
    return readable


def _read(con, source: LandingSource, planned: list[Planned]) -> list[str]:
    """Fill `_ingest_records` with the complete, new records of `planned`; returns the files
    without any record at all (reported as empty)."""
    start_records(con)
    direct = read_directly(con, [p.file for p in planned])
    for p in planned:
        if p.file.path in direct:
            p.file = replace(p.file, readable=p.file.path)
    with tempfile.TemporaryDirectory(prefix="lead-scoring-landing-") as scratch:
        files = _readable(con, [p for p in planned if p.file.path not in direct], Path(scratch))
        source.read(con, files)  # into a temp table, before the transaction: reads may fail
        empty = _empty_files(con, [p.file.path for p in planned if not p.waiting])
        keep_complete_new_lines(con, planned)
    return empty


def _report_unread(source: LandingSource, unread: list[Path]) -> None:
    for path in unread:
        log.warning(
            "%s: %s is not read: the source reads %s", source.table, path, source.rule.describe()
        )


def load_parts(planned: list[Planned], part_bytes: int) -> list[list[Planned]]:
    """`planned` cut into consecutive parts of at most `part_bytes` of text each (a file
    bigger than that is a part alone), so a backfill of months of files never needs their
    whole decompressed text, or its records, on disk at once."""
    parts, part, size = [], [], 0
    for p in planned:
        text_bytes = p.file.text_bytes(p.identity[0])
        if part and size + text_bytes > part_bytes:
            parts.append(part)
            part, size = [], 0
        part.append(p)
        size += text_bytes
    return [*parts, part] if part else parts


def load_landing_files(
    con: duckdb.DuckDBPyConnection,
    source: LandingSource,
    folder: Path,
    load_id: str,
    max_record_bytes: int | None = None,
    part_bytes: int | None = None,
) -> LoadResult:
    """Land the complete, new records of every new or changed file under `folder`; report the
    files the source does not read and those still being written. A load is one transaction;
    more than `part_bytes` of text (LEAD_SCORING_LOAD_PART_MB) is landed as several loads,
    `<load_id>.1`, `<load_id>.2`, ..., each one transaction, in the files' order."""
    files, unread = find_landing_files(folder, source.rule)
    _report_unread(source, unread)
    planned, unchanged = plan_reads(previous_looks(con, source.table), files)
    parts = load_parts(planned, part_bytes or settings.load_part_bytes()) or [[]]
    total = LoadResult(files_skipped=unchanged, unread_files=[str(p) for p in unread])
    for number, part in enumerate(parts, start=1):
        part_id = load_id if len(parts) == 1 else f"{load_id}.{number}"
        result = _load_part(con, source, part, part_id, max_record_bytes, total.unread_files)
        result.files_skipped = unchanged
        total = _added(total, result)
        if len(parts) > 1:
            log.info("%s: part %d of %d landed (%s)", source.table, number, len(parts), part_id)
    log.info(
        "%s: %d files, %d new rows, %d quarantined, %d not read, %d still being written",
        source.table,
        len(planned),
        total.rows_inserted,
        total.rows_quarantined,
        len(unread),
        len(total.files_waiting),
    )
    return total


def _load_part(con, source, planned, load_id, max_record_bytes, unread) -> LoadResult:
    empty = _read(con, source, planned)
    try:
        with transaction(con):
            limit = max_record_bytes or settings.max_record_bytes()
            result = land_records(con, source.contract, load_id, limit) if planned else LoadResult()
            result.sources = len(planned)
            result.empty_sources = empty
            result.unread_files = unread
            result.files_waiting = [
                str(p.file.path) for p in planned if p.waiting or p.tail_pending
            ]
            record_looks(con, source.table, planned, load_id)
            record_load(con, source.table, load_id, result)
    finally:
        drop_records(con)
    return result


def _added(total: LoadResult, part: LoadResult) -> LoadResult:
    """The figures of a load made of parts: counts add up, lists join."""
    added = {}
    for name, value in vars(part).items():
        so_far = getattr(total, name)
        if name in ("files_skipped", "unread_files"):
            added[name] = value
        elif isinstance(value, list):
            added[name] = so_far + [item for item in value if item not in so_far]
        else:
            added[name] = so_far + value
    return LoadResult(**added)


def _empty_files(con: duckdb.DuckDBPyConnection, files: list[Path]) -> list[str]:
    sql = f"select distinct source from _ingest_records where problem is not null or not ({BLANK})"
    with_records = {row[0] for row in con.execute(sql).fetchall()}
    return [str(f) for f in files if str(f) not in with_records]
