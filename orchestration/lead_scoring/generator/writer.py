"""Fast file writing: DuckDB builds each record's JSON text, Arrow hands over the bytes.

Queries given here return one VARCHAR column `line` holding a complete JSON object and end in
an ORDER BY; the text is copied straight from Arrow's buffer into the file, so no Python
string is made per record.
"""

from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

# SQL helpers shared by the JSON builders.
MACROS = (
    "create or replace macro iso_ms(ms) as "
    "strftime(make_timestamp(ms * 1000), '%Y-%m-%dT%H:%M:%S.%gZ')",
    "create or replace macro iso_jst(ms) as "
    "strftime(make_timestamp((ms // 1000 + 32400) * 1000000), '%Y-%m-%dT%H:%M:%S') || '+09:00'",
    # md5-based 22-character base64url id, like SendGrid's
    "create or replace macro b64id(key) as "
    "left(replace(replace(base64(unhex(md5(key))), '+', '-'), '/', '_'), 22)",
    "create or replace macro uuid_of(key) as regexp_replace(md5(key), "
    "'^(.{8})(.{4})(.{4})(.{4})(.{12})$', '\\1-\\2-\\3-\\4-\\5')",
)


def connect() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("set enable_progress_bar = false")
    con.execute("set preserve_insertion_order = true")
    for macro in MACROS:
        con.execute(macro)
    return con


def register(con: duckdb.DuckDBPyConnection, name: str, columns: dict[str, np.ndarray]) -> None:
    """Copy numpy columns into a DuckDB table (queries over it run on all threads, unlike
    queries over a registered Arrow table)."""
    con.register("_incoming", pa.table({k: pa.array(v) for k, v in columns.items()}))
    con.execute(f"create or replace table {name} as select * from _incoming")
    con.unregister("_incoming")


def write_json_lines(con: duckdb.DuckDBPyConnection, query: str, path: Path) -> int:
    """One JSON object per line. `query` wraps each object in $BEFORE and $AFTER."""
    with open(path, "wb") as out:
        return _copy_lines(con, query.replace("$BEFORE", "''").replace("$AFTER", "chr(10)"), out)


def write_json_array(con: duckdb.DuckDBPyConnection, query: str, path: Path) -> int:
    """One JSON array with one element per line, like a webhook batch body."""
    sql = query.replace("$BEFORE", "chr(10)").replace("$AFTER", "','")
    with open(path, "wb") as out:
        out.write(b"[")
        count = _copy_lines(con, sql, out)
        if count:
            out.seek(-1, 1)  # overwrite the last element's comma
        out.write(b"\n]\n")
        return count


def _copy_lines(con: duckdb.DuckDBPyConnection, sql: str, out) -> int:
    count = 0
    for batch in con.sql(sql).arrow():
        column = batch.column(0)
        offsets = np.frombuffer(column.buffers()[1], np.int32)[column.offset :]
        out.write(memoryview(column.buffers()[2])[offsets[0] : offsets[len(column)]])
        count += len(column)
    return count
