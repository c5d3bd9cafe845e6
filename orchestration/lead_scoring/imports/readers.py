"""Rows of an imported file: CSV (or TSV), Parquet, JSON lines, each optionally gzip-compressed.

Each reader yields `Row`s numbered from 1 (row 1 is the first record after a CSV header, the
first line of a JSON-lines file). A row that cannot be read as a record carries the reason
instead of values, so it is quarantined; the rest of the file still loads.
"""

import csv
import gzip
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from lead_scoring.ingest.errors import NOTHING_KEPT, IngestError

FORMATS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
}


@dataclass
class Row:
    number: int
    values: dict | None  # column -> cell; None when the row could not be read
    text: str  # the row as received (kept in quarantine)
    problem: str | None = None


def file_format(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    found = FORMATS.get(suffixes[-1]) if suffixes else None
    if found is None:
        raise IngestError(
            f"{path.name}: cannot tell the file's format from its name",
            str(path),
            f"Name it with one of {', '.join(FORMATS)} (optionally + .gz).",
        )
    return found


def _open_text(path: Path):
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    return opener(path, "rt", encoding="utf-8-sig", newline="")


def _unreadable(path: Path, err: Exception) -> IngestError:
    return IngestError(
        f"{path.name} cannot be read: {err}",
        str(path),
        f"Save it as UTF-8 text (or valid Parquet / gzip). {NOTHING_KEPT}",
    )


def csv_header(path: Path, delimiter: str) -> list[str]:
    with _open_text(path) as f:
        return [h.strip() for h in next(csv.reader(f, delimiter=delimiter), [])]


def _csv_rows(path: Path, delimiter: str) -> Iterator[Row]:
    with _open_text(path) as f:
        reader = csv.reader(f, delimiter=delimiter)
        header = [h.strip() for h in next(reader, [])]
        number = 0
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue  # a blank line is not a record
            number += 1
            text = delimiter.join(cells)
            if len(cells) > len(header):
                extra = len(cells) - len(header)
                problem = (
                    f"{path.name} row {number} (line {reader.line_num}): {len(cells)} cells but "
                    f"the header names {len(header)}: {extra} value(s) in a column the header "
                    "does not declare"
                )
                yield Row(number, None, text, problem)
                continue
            yield Row(number, dict(zip(header, cells, strict=False)), text)


def _json_rows(path: Path) -> Iterator[Row]:
    with _open_text(path) as f:
        number = 0
        for line in f:
            if not line.strip():
                continue
            number += 1
            try:
                record = json.loads(line)
            except ValueError as err:
                yield Row(number, None, line, f"{path.name} row {number}: not valid JSON: {err}")
                continue
            if not isinstance(record, dict):
                problem = f"{path.name} row {number}: not a JSON object"
                yield Row(number, None, line, problem)
                continue
            yield Row(number, record, line.rstrip("\r\n"))


def _parquet_table(path: Path):
    if path.suffix.lower() == ".gz":
        with gzip.open(path, "rb") as f:
            return pq.ParquetFile(io.BytesIO(f.read()))
    return pq.ParquetFile(path)


def parquet_header(path: Path) -> list[str]:
    return list(_parquet_table(path).schema_arrow.names)


def _parquet_rows(path: Path) -> Iterator[Row]:
    number = 0
    for batch in _parquet_table(path).iter_batches(batch_size=10_000):
        for record in batch.to_pylist():
            number += 1
            yield Row(number, record, json.dumps(record, default=str, ensure_ascii=False))


def header(path: Path) -> list[str] | None:
    """The file's column names (CSV, Parquet); None for JSON lines (keys vary per row)."""
    kind = file_format(path)
    try:
        if kind in ("csv", "tsv"):
            return csv_header(path, "," if kind == "csv" else "\t")
        return parquet_header(path) if kind == "parquet" else None
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise _unreadable(path, err) from err


def rows(path: Path) -> Iterator[Row]:
    """Every record of the file, in order; IngestError if the file cannot be read at all."""
    kind = file_format(path)
    readers = {
        "csv": lambda: _csv_rows(path, ","),
        "tsv": lambda: _csv_rows(path, "\t"),
        "jsonl": lambda: _json_rows(path),
        "parquet": lambda: _parquet_rows(path),
    }
    try:
        yield from readers[kind]()
    except (OSError, UnicodeDecodeError, csv.Error, ValueError) as err:
        raise _unreadable(path, err) from err
