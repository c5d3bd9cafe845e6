"""Files in flight: a file is read only as far as it is complete, and never skipped for timing.

- A file's identity (size, modification time) is taken *before* it is read and checked again
  after; a file that changed during the read loads nothing this time (it waits, reported).
- A record of JSON lines ends with its newline. A last line without one may be half written:
  it is held back until a later look finds the file unchanged (same identity), then loaded.
  A compressed file is complete when its stream is, so it has no such tail.
- `raw._landing_files` keeps each look: identity, lines loaded, whether a tail is pending. A
  file that grew is read for the lines after those already loaded (new records only); one that
  shrank is read whole (keys already in raw are skipped).
- A compressed file that cannot be decompressed waits one look; found the same on the next
  look, it is quarantined whole with the codec's reason.
"""

from dataclasses import dataclass
from pathlib import Path

import duckdb

from lead_scoring.ingest.landing_rule import LINES, LandingFile


@dataclass(frozen=True)
class Look:
    size: int
    modified_ns: int
    lines_loaded: int | None  # None: recorded before lines were counted (read it whole)
    tail_pending: bool


@dataclass
class Planned:
    file: LandingFile
    identity: tuple[int, int]  # (size, modified_ns) before reading
    skip_lines: int  # lines already loaded by earlier looks
    settled: bool  # unchanged since a look that left something pending
    waiting: bool = False  # changed during the read, or not decompressible yet: load nothing
    lines_loaded: int = 0
    tail_pending: bool = False
    broken_stream: bool = False  # not decompressible: its look is kept, to quarantine it next


def identity(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def previous_looks(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, Look]:
    rows = con.execute(
        """select path, arg_max(size_bytes, _loaded_at), arg_max(modified_ns, _loaded_at),
            arg_max(lines_loaded, _loaded_at), arg_max(coalesce(tail_pending, false), _loaded_at)
        from raw._landing_files where table_name = ? group by path""",
        [table],
    ).fetchall()
    return {path: Look(*rest) for path, *rest in rows}


def plan_reads(looks: dict[str, Look], files: list[LandingFile]) -> tuple[list[Planned], int]:
    """(files to read with what to skip, number unchanged since they were loaded)."""
    planned, unchanged = [], 0
    for file in files:
        now = identity(file.path)
        look = looks.get(str(file.path))
        same = look is not None and (look.size, look.modified_ns) == now
        if same and not look.tail_pending:
            unchanged += 1
            continue
        grew = look is not None and look.lines_loaded is not None and now[0] >= look.size
        skip = look.lines_loaded if grew and file.format == LINES else 0
        planned.append(Planned(file, now, skip, settled=same))
    return planned, unchanged


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as text:
        if text.seek(0, 2) == 0:
            return True
        text.seek(-1, 2)
        return text.read(1) == b"\n"


def _last_positions(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    sql = "select source, max(position) from _ingest_records where position > 0 group by 1"
    return dict(con.execute(sql).fetchall())


def keep_complete_new_lines(con: duckdb.DuckDBPyConnection, planned: list[Planned]) -> None:
    """After the read: drop the records of files that changed meanwhile, held-back tails and
    lines loaded before; note what each look loaded."""
    if not planned:
        return
    tails = {
        id(p): not _ends_with_newline(p.file.readable)
        for p in planned
        if not p.waiting and p.file.format == LINES and not p.file.compression
    }
    for p in planned:
        p.waiting = p.waiting or identity(p.file.path) != p.identity
    last = _last_positions(con)
    keep = []
    for p in planned:
        if p.waiting:
            keep.append({"source": str(p.file.path), "first": 1, "last": 0, "drop_all": True})
            continue
        end = last.get(str(p.file.path), 0)
        p.tail_pending = tails.get(id(p), False) and not p.settled and end > 0
        p.lines_loaded = end - 1 if p.tail_pending else end
        first, last_kept = p.skip_lines + 1, p.lines_loaded
        keep.append(
            {"source": str(p.file.path), "first": first, "last": last_kept, "drop_all": False}
        )
    # the plan goes in as parameters: a registered table would import pandas (1.6 s)
    names = ("source", "first", "last", "drop_all")
    columns = {name: [row[name] for row in keep] for name in names}
    con.execute(
        """delete from _ingest_records r using (
            select unnest($source) as source, unnest($first) as first, unnest($last) as last,
                unnest($drop_all) as drop_all
        ) k
        where r.source = k.source and (k.drop_all or (r.position > 0
            and (r.position > k.last or r.position < k.first)))""",
        columns,
    )


def record_looks(con, table: str, planned: list[Planned], load_id: str) -> None:
    """One row per file looked at and not waiting, with its identity from before the read; a
    compressed file that could not be decompressed is kept as pending, so the next look that
    finds it unchanged quarantines it (a file still being written has changed by then)."""
    looked = [p for p in planned if not p.waiting or p.broken_stream]
    if not looked:
        return
    counts = dict(
        con.execute(
            f"select _source, count(*) from raw.{table} where _load_id = ? group by 1", [load_id]
        ).fetchall()
    )
    con.executemany(
        "insert into raw._landing_files (table_name, path, size_bytes, modified_ns, rows_loaded,"
        " _load_id, _loaded_at, lines_loaded, tail_pending) values (?, ?, ?, ?, ?, ?, now(), ?, ?)",
        [
            (table, str(p.file.path), *p.identity, counts.get(str(p.file.path), 0), load_id)
            + (p.lines_loaded, p.tail_pending or p.broken_stream)
            for p in looked
        ],
    )
