"""Landing files -> `_ingest_records` (source, position, payload, problem), robustly.

A record's source is the landed file's path, also when DuckDB reads its decompressed copy.

JSON lines: DuckDB reads each file as text and splits it on newlines, so line numbers are
exact and any byte inside a line is kept. A file that is not valid UTF-8 is read again in
Python, line by line: its good lines still load and each bad line gets its own reason.

A UTF-8 byte-order mark at the start of a file is decoded (dropped), never a bad record.

JSON arrays (SendGrid batches): each element becomes one record, numbered from 1. A file that
is empty, not UTF-8, not JSON or not an array becomes one record at position 0 with the
reason, so the whole file lands in quarantine.
"""

from collections.abc import Callable, Iterator

import duckdb
import pyarrow as pa

from lead_scoring.ingest.landing_rule import ARRAY, LINES, LandingFile
from lead_scoring.ingest.record_sql import kind_word

BATCH_BYTES = 64 * 1024 * 1024  # files read per DuckDB call: bounds the memory of one read
PYTHON_BATCH_LINES = 50_000
BOM = "\ufeff"
WITHOUT_BOM = "case when starts_with(content, chr(65279)) then content[2:] else content end"


def _readable_bytes(file: LandingFile) -> int:
    return file.readable.stat().st_size


def batches(
    files: list[LandingFile], size: Callable[[LandingFile], int] = _readable_bytes
) -> Iterator[list[LandingFile]]:
    """Consecutive files of at most BATCH_BYTES (by `size`) each; a bigger file is alone."""
    batch, total = [], 0
    for file in files:
        if batch and total + size(file) > BATCH_BYTES:
            yield batch
            batch, total = [], 0
        batch.append(file)
        total += size(file)
    if batch:
        yield batch


def _texts_sql(content: str) -> str:
    """`texts` (source, <content>): each file's text by its landed path. The names go in as
    parameters (`_names`), not through a registered table, which would import pandas (1.6 s)."""
    return f"""
        names as (select unnest($readable) as filename, unnest($landed) as source),
        texts as (
            select source, {content}
            from read_text($readable) join names using (filename)
        )"""


def _names(files: list[LandingFile]) -> dict[str, list[str]]:
    return {
        "readable": [str(f.readable) for f in files],
        "landed": [str(f.path) for f in files],
    }


def _is_encoding_error(err: duckdb.Error) -> bool:
    return "UTF-8" in str(err) or "utf-8" in str(err)


def _utf8_problem(raw: bytes, err: UnicodeDecodeError) -> str:
    return f"not valid UTF-8: byte 0x{raw[err.start]:02x} at byte {err.start + 1}"


def insert_rows(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> None:
    """Append (source, position, payload, problem) rows to `_ingest_records`."""
    if not rows:
        return
    schema = pa.schema(
        [
            ("source", pa.string()),
            ("position", pa.int64()),
            ("payload", pa.large_string()),
            ("problem", pa.string()),
        ]
    )
    con.register("_ingest_batch", pa.Table.from_pylist(rows, schema=schema))
    try:
        con.execute("insert into _ingest_records select * from _ingest_batch")
    finally:
        con.unregister("_ingest_batch")


def _lines_in_python(con: duckdb.DuckDBPyConnection, file: LandingFile) -> None:
    rows = []
    with file.readable.open("rb") as lines:
        for number, raw in enumerate(lines, start=1):
            raw = raw.rstrip(b"\r\n")
            if number == 1:
                raw = raw.removeprefix(BOM.encode())
            try:
                payload, problem = raw.decode("utf-8"), None
            except UnicodeDecodeError as err:
                payload = raw.decode("utf-8", "backslashreplace")
                problem = _utf8_problem(raw, err)
            source = str(file.path)
            rows.append(
                {"source": source, "position": number, "payload": payload, "problem": problem}
            )
            if len(rows) >= PYTHON_BATCH_LINES:
                insert_rows(con, rows)
                rows = []
    if rows:
        insert_rows(con, rows)


def _lines_in_duckdb(con: duckdb.DuckDBPyConnection, files: list[LandingFile]) -> None:
    con.execute(
        f"""
        insert into _ingest_records
        with {_texts_sql(f"string_split({WITHOUT_BOM}, chr(10)) as lines")},
        numbered as (
            select source, generate_subscripts(lines, 1) as position, unnest(lines) as line,
                len(lines) as line_count
            from texts
        )
        -- a file's final newline ends its last line; it does not start an empty one
        select source, position, line, null
        from numbered where not (position = line_count and line = '')
        """,
        _names(files),
    )


def read_json_lines(con: duckdb.DuckDBPyConnection, files: list[LandingFile]) -> None:
    """One record per line; blank lines are not records (they are skipped later)."""
    for batch in batches(files):
        try:
            _lines_in_duckdb(con, batch)
        except duckdb.InvalidInputException as err:
            if not _is_encoding_error(err):
                raise
            for file in batch:  # find the file(s) that are not UTF-8
                try:
                    _lines_in_duckdb(con, [file])
                except duckdb.InvalidInputException:
                    _lines_in_python(con, file)


ARRAY_FILE_PROBLEM = f"""
    case
        when strlen(content) < 16 and trim(content) = ''
            then 'file is empty, expected a JSON array of events'
        when not json_valid(content) then 'file is not valid JSON'
        when json_type(content) <> 'ARRAY' then 'file is '
            || {kind_word("json_type(content)")} || ', expected a JSON array of events'
    end
"""


def _arrays_in_duckdb(con: duckdb.DuckDBPyConnection, files: list[LandingFile]) -> None:
    con.execute(
        f"""
        create or replace temp table _ingest_files as
        with {_texts_sql(f"{WITHOUT_BOM} as content")}
        select source, content, {ARRAY_FILE_PROBLEM} as problem
        from texts
        """,
        _names(files),
    )
    con.execute(
        "insert into _ingest_records select source, 0, content, problem "
        "from _ingest_files where problem is not null"
    )
    con.execute(
        """
        insert into _ingest_records
        with arrays as (
            select source, from_json(content, '["JSON"]') as items
            from _ingest_files where problem is null
        )
        select source, generate_subscripts(items, 1), unnest(items)::varchar, null
        from arrays
        """
    )


def _array_in_python(con: duckdb.DuckDBPyConnection, file: LandingFile) -> None:
    """Only for a file DuckDB cannot read as text: it is not UTF-8, so it is quarantined whole."""
    raw = file.readable.read_bytes()
    try:
        raw.decode("utf-8")
        problem = "file could not be read as text"
    except UnicodeDecodeError as err:
        problem = "file is " + _utf8_problem(raw, err)
    payload = raw.decode("utf-8", "backslashreplace")
    row = {"source": str(file.path), "position": 0, "payload": payload, "problem": problem}
    insert_rows(con, [row])


def read_json_arrays(con: duckdb.DuckDBPyConnection, files: list[LandingFile]) -> None:
    """One record per array element; a file that is not an array is one bad record."""
    for batch in batches(files):
        try:
            _arrays_in_duckdb(con, batch)
        except duckdb.InvalidInputException as err:
            if not _is_encoding_error(err):
                raise
            for file in batch:
                try:
                    _arrays_in_duckdb(con, [file])
                except duckdb.InvalidInputException:
                    _array_in_python(con, file)


def read_landing_files(con: duckdb.DuckDBPyConnection, files: list[LandingFile]) -> None:
    """Each file by its format, from its readable copy; records are named by the landed file."""
    read_json_lines(con, [f for f in files if f.format == LINES])
    read_json_arrays(con, [f for f in files if f.format == ARRAY])
