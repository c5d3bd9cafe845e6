"""Landing files read as they are by DuckDB's JSON reader, when that yields exactly the records
the line-by-line reader (`file_readers`) would; every other file is left to that reader.

DuckDB's `read_ndjson_objects` reads JSON lines in parallel and gzip without a decompressed
copy: 1.3-3.9 s for the 1M-lead bench's day of page views (857 MB of text), where splitting
the text on newlines took 5.5-12 s after a 0.5-5 s decompression (docs/performance.md). But it
skips blank lines, trims the space around a record and stops at the first line that is not
JSON. So a JSON lines file counts as read here only when its text is exactly its records, one
per line: its bytes are the records' bytes plus its newlines, so record n is line n and each
payload is its line. A SendGrid array counts when `read_json_objects` reads it without error
and finds at least one event; each payload is re-written compactly, as `from_json` writes the
elements the other reader takes from it.

Anything else (an error, a blank line, a `\\r`, a BOM, a `.zst` file) deletes that file's rows
and leaves it to the line reader, which names every problem. Records are numbered by the order
DuckDB appends them (their rowid), which is the files' order while insertion order is kept.
"""

import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
from isal import igzip_threaded, isal_zlib

from lead_scoring.ingest.file_readers import batches
from lead_scoring.ingest.landing_rule import ARRAY, LINES, LandingFile

CHUNK_BYTES = 1024 * 1024
READERS = {
    LINES: "read_ndjson_objects($paths, filename = true)",
    ARRAY: "read_json_objects($paths, format = 'array', filename = true)",
}
PAYLOADS = {LINES: "json::varchar", ARRAY: "json(json)::varchar"}


@dataclass(frozen=True)
class TextShape:
    size: int  # bytes of text (decompressed)
    ends_with_newline: bool


def _text_shape(file: LandingFile) -> TextShape | None:
    """The size and last byte of a file's text; a gzip stream is inflated (not written) to
    know them. None when it cannot be read: the line reader names the problem."""
    try:
        if file.compression is None:
            size = file.path.stat().st_size
            with file.path.open("rb") as text:
                text.seek(max(size - 1, 0))
                return TextShape(size, text.read(1) == b"\n")
        size, last = 0, b""
        with igzip_threaded.open(file.path, "rb", threads=1) as text:
            while chunk := text.read(CHUNK_BYTES):
                size, last = size + len(chunk), chunk[-1:]
        return TextShape(size, last == b"\n")
    except (OSError, EOFError, isal_zlib.error, zlib.error):
        return None


def _exact_lines(rows: int, payload_bytes: int, shape: TextShape | None) -> bool:
    """True when a file of `shape` holds `rows` lines that are exactly the payloads: its
    newlines are one after each payload (but the last, without a final newline) and no byte
    is left over for a blank line, a space or a `\\r`."""
    if shape is None:
        return False
    newlines = rows if shape.ends_with_newline else rows - 1
    return (rows > 0 and payload_bytes + newlines == shape.size) or rows == shape.size == 0


def _readable_here(file: LandingFile) -> bool:
    return file.compression in (None, ".gz")


def _append(con, files: list[LandingFile], fmt: str) -> bool:
    paths = [str(f.path) for f in files]
    try:
        con.execute(
            "insert into _ingest_records select filename, null, "
            f"{PAYLOADS[fmt]}, null from {READERS[fmt]}",
            {"paths": paths},
        )
        return True
    except duckdb.Error:
        con.execute("delete from _ingest_records where position is null")
        return False


def _appended(con) -> dict[str, tuple[int, int, bool]]:
    """source -> (rows, payload bytes, rows contiguous) of the rows not numbered yet."""
    rows = con.execute(
        """select source, count(*), sum(strlen(payload)),
            max(rowid) - min(rowid) + 1 = count(*)
        from _ingest_records where position is null group by source"""
    ).fetchall()
    return {source: (count, size, contiguous) for source, count, size, contiguous in rows}


def _number(con, kept: list[str]) -> None:
    con.execute(
        "delete from _ingest_records where position is null and not list_contains($kept, source)",
        {"kept": kept},
    )
    con.execute(
        """update _ingest_records as r set position = r.rowid - f.first_row + 1
        from (
            select source, min(rowid) as first_row
            from _ingest_records where position is null group by source
        ) as f
        where r.source = f.source and r.position is null"""
    )


def _read_batch(con, batch: list[LandingFile], fmt: str, shapes) -> list[LandingFile]:
    """Append `batch`; returns the files read exactly (all, or each alone after an error)."""
    if not _append(con, batch, fmt):
        if len(batch) == 1:
            return []
        return [file for one in batch for file in _read_batch(con, [one], fmt, shapes)]
    appended = _appended(con)
    exact = []
    for file in batch:
        rows, size, contiguous = appended.get(str(file.path), (0, 0, True))
        if fmt == ARRAY:
            ok = rows > 0 and contiguous
        else:
            ok = contiguous and _exact_lines(rows, size or 0, shapes[file.path].result())
        if ok:
            exact.append(file)
    _number(con, [str(f.path) for f in exact])
    return exact


def read_directly(con: duckdb.DuckDBPyConnection, files: list[LandingFile]) -> set[Path]:
    """Append to `_ingest_records` the records of every file DuckDB's JSON reader reads
    exactly; returns their paths. The caller reads the others with the line reader."""
    keeps_order = con.execute("select current_setting('preserve_insertion_order')").fetchone()[0]
    if not keeps_order:
        return set()
    read = set()
    with ThreadPoolExecutor(max_workers=1) as inflate:
        for fmt in (LINES, ARRAY):
            mine = [f for f in files if f.format == fmt and _readable_here(f)]
            # a gzip stream's size is known once inflated, beside DuckDB's own read of it
            shapes = {f.path: inflate.submit(_text_shape, f) for f in mine if fmt == LINES}
            for batch in batches(mine, size=LandingFile.text_bytes):
                read.update(f.path for f in _read_batch(con, batch, fmt, shapes))
    return read
