"""File writing: Arrow string columns go to disk straight from their buffers, and a DuckDB
connection set up for the CRM files (written with COPY ... FORMAT json)."""

import gzip
import queue
import threading
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

# Zoho times: ISO 8601 in JST with the offset, second precision.
ISO_JST = (
    "create or replace macro iso_jst(ms) as "
    "strftime(make_timestamp((ms // 1000 + 32400) * 1000000), '%Y-%m-%dT%H:%M:%S') || '+09:00'"
)
MEMORY_LIMIT = "1GB"  # DuckDB only formats CRM records here; keep its buffer pool small
# Level 1: about 3x faster to write than the default 9 for a little more disk; reading costs
# the same. mtime=0 keeps "same arguments, same bytes" for compressed files too.
GZIP_LEVEL = 1


def connect() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("set enable_progress_bar = false")
    con.execute("set preserve_insertion_order = true")
    con.execute(f"set memory_limit = '{MEMORY_LIMIT}'")
    con.execute(ISO_JST)
    return con


def write_text(out, lines: pa.Array) -> None:
    """Append the concatenated text of a string array (each element already terminated)."""
    offsets = np.frombuffer(lines.buffers()[1], np.int32)[
        lines.offset : lines.offset + len(lines) + 1
    ]
    if len(lines):
        out.write(memoryview(lines.buffers()[2])[offsets[0] : offsets[-1]])


def open_output(path: Path):
    """`path` for writing; gzip-compressed when its name ends with .gz."""
    if path.suffix == ".gz":  # GzipFile opens, and closes, the file it is given by name
        return gzip.GzipFile(path, "wb", compresslevel=GZIP_LEVEL, mtime=0)
    return open(path, "wb")  # noqa: SIM115 - closed by the writer


class JsonArrayFile:
    """A JSON array written element by element; elements arrive as "\\n{...}," lines."""

    def __init__(self, path: Path):
        self._out = open_output(path)
        self._out.write(b"[")
        self._pending = b""  # the last element's comma, dropped at close (no seek in gzip)
        self.count = 0

    def write(self, elements: pa.Array) -> None:
        if len(elements):
            self._out.write(self._pending)
            write_text(self._out, elements[:-1])
            last = elements[-1].as_buffer().to_pybytes()
            self._out.write(last[:-1])
            self._pending = last[-1:]
        self.count += len(elements)

    def close(self) -> None:
        self._out.write(b"\n]\n")
        self._out.close()


class JsonLinesFile:
    """JSON lines written chunk by chunk (chunks already end each line with a newline)."""

    def __init__(self, path: Path):
        self._out = open_output(path)
        self.count = 0

    def write(self, lines: pa.Array) -> None:
        write_text(self._out, lines)
        self.count += len(lines)

    def close(self) -> None:
        self._out.close()


class BackgroundWriter:
    """Writes files on a thread, in submission order, so rendering the next chunk overlaps
    with the disk. At most `max_pending` chunks wait, which bounds memory."""

    def __init__(self, max_pending: int = 4):
        self._queue: queue.Queue = queue.Queue(maxsize=max_pending)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="generator-writer", daemon=True)
        self._thread.start()

    def open(self, path: Path, json_array: bool = False) -> None:
        self._put(("open", JsonArrayFile if json_array else JsonLinesFile, path))

    def write(self, lines: pa.Array) -> None:
        self._put(("write", lines))

    def close_file(self) -> None:
        self._put(("close",))

    def finish(self) -> None:
        self._queue.put(None)
        self._thread.join()
        if self._error:
            raise self._error

    def _put(self, item) -> None:
        if self._error:
            raise self._error
        self._queue.put(item)

    def _run(self) -> None:
        current = None
        while (item := self._queue.get()) is not None:
            if self._error:
                continue  # drain after a failure; finish() re-raises it
            try:
                if item[0] == "open":
                    current = item[1](item[2])
                elif item[0] == "write":
                    current.write(item[1])
                else:
                    current.close()
            except BaseException as error:  # handed to the main thread by finish()
                self._error = error
