"""Land one imported file in `raw.import_leads` or `raw.import_activities`, in one transaction.

Rows go through the same contract and quarantine as every source (`ingest/records.py`): bad
rows land in `raw._quarantine` with the reason, good rows in raw, and rows already in raw are
skipped, so importing the same file again adds nothing.
"""

import json
from collections.abc import Callable
from pathlib import Path

import duckdb

from lead_scoring import settings
from lead_scoring.imports import readers
from lead_scoring.imports.mapping import EntityMapping, Mapping
from lead_scoring.imports.records import BUILDERS, RepeatTracker, RowProblem
from lead_scoring.ingest.contracts import IMPORT_ACTIVITY_RULES, IMPORT_LEAD_RULES, contract
from lead_scoring.ingest.errors import NOTHING_KEPT, IngestError
from lead_scoring.ingest.file_readers import insert_rows
from lead_scoring.ingest.load_log import LoadResult, record_load
from lead_scoring.ingest.raw_tables import RAW_TABLES
from lead_scoring.ingest.records import drop_records, land_records, start_records
from lead_scoring.ingest.warehouse import transaction

TABLES = {"leads": "import_leads", "activities": "import_activities"}
CONTRACTS = {
    "leads": contract("import_leads", tuple(RAW_TABLES["import_leads"][0]), IMPORT_LEAD_RULES),
    "activities": contract(
        "import_activities", tuple(RAW_TABLES["import_activities"][0]), IMPORT_ACTIVITY_RULES
    ),
}
BATCH_ROWS = 50_000  # rows handed to DuckDB at once (and how often progress is shown)


def _check_columns(path: Path, entity: str, mapped: EntityMapping) -> bool:
    """CSV and Parquet name their columns up front: a mapped column the file lacks is a typo
    in the mapping or the wrong file, so nothing loads. Returns whether the rows are strict
    (JSON lines: a key the mapping does not declare is a bad row)."""
    columns = readers.header(path)
    if columns is None:
        return True
    missing = [c.column for c in mapped.columns if c.column not in columns]
    if missing:
        names = ", ".join(f'"{m}"' for m in missing)
        raise IngestError(
            f"{path.name}: the mapping's {entity} column(s) {names} are not in the file "
            f"(its columns: {', '.join(columns[:20])})",
            str(path),
            f"Fix the column names in the mapping (lead_mapping.csv) or pick the right file. "
            f"{NOTHING_KEPT}",
        )
    return False


def _staged_row(path: Path, row: readers.Row, build, tracker, mapped, strict) -> dict:
    problem, payload = row.problem, row.text
    if problem is None:
        try:
            key, record = build(path.name, row, mapped, strict)
            tracker.check(row, key, record)
            payload = json.dumps(record, ensure_ascii=False)
        except RowProblem as err:
            problem = str(err)
    return {"source": str(path), "position": row.number, "payload": payload, "problem": problem}


def _read(con, path: Path, entity: str, mapped: EntityMapping, progress: Callable) -> int:
    strict = _check_columns(path, entity, mapped)
    build, tracker, batch, count = BUILDERS[entity], RepeatTracker(path.name), [], 0
    for row in readers.rows(path):
        batch.append(_staged_row(path, row, build, tracker, mapped, strict))
        count += 1
        if len(batch) >= BATCH_ROWS:
            insert_rows(con, batch)
            batch = []
            progress(f"  {path.name}: {count:,} rows read")
    insert_rows(con, batch)
    return count


def _record_file(con, table: str, path: Path, load_id: str, rows: int) -> None:
    stat = path.stat()
    con.execute(
        "insert into raw._landing_files (table_name, path, size_bytes, modified_ns, "
        "rows_loaded, _load_id, _loaded_at) values (?, ?, ?, ?, ?, ?, now())",
        [table, str(path), stat.st_size, stat.st_mtime_ns, rows, load_id],
    )


def already_imported(con: duckdb.DuckDBPyConnection, entity: str, path: Path) -> bool:
    """The same file (path, size, modification time) was imported before: its good rows are
    in raw and its bad rows in quarantine, so reading it again would only repeat that."""
    stat = path.stat()
    found = con.execute(
        "select count(*) from raw._landing_files where table_name = ? and path = ? "
        "and size_bytes = ? and modified_ns = ?",
        [TABLES[entity], str(path), stat.st_size, stat.st_mtime_ns],
    ).fetchone()[0]
    return found > 0


def import_file(
    con: duckdb.DuckDBPyConnection,
    entity: str,
    path: Path,
    mapping: Mapping,
    load_id: str,
    progress: Callable[[str], None] = lambda _: None,
) -> LoadResult:
    """Land the rows of `path` (entity `leads` or `activities`); the raw schema must exist."""
    mapped = mapping.entity(entity)
    start_records(con)
    try:
        read = _read(con, path, entity, mapped, progress)
        with transaction(con):
            result = land_records(con, CONTRACTS[entity], load_id, settings.max_record_bytes())
            result.sources = 1
            result.empty_sources = [] if read else [str(path)]
            _record_file(con, TABLES[entity], path, load_id, result.rows_inserted)
            record_load(con, TABLES[entity], load_id, result)
    finally:
        drop_records(con)
    return result
