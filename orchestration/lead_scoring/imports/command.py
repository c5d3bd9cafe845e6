"""`lead-scoring import leads|activities FILE...`: land the user's own files in the warehouse."""

import argparse
import sys
import uuid
from pathlib import Path

from lead_scoring import settings
from lead_scoring.imports.load import TABLES, already_imported, import_file
from lead_scoring.imports.mapping import MappingError, read_mapping
from lead_scoring.ingest.errors import IngestError
from lead_scoring.ingest.load_log import LoadResult
from lead_scoring.ingest.warehouse import connect, ensure_raw_schema

SHOWN_REASONS = 10  # quarantine reasons printed after a load (all are in raw._quarantine)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("entity", choices=sorted(TABLES), help="what the file holds")
    parser.add_argument(
        "files", nargs="+", type=Path, help="CSV, TSV, Parquet or JSON-lines files (.gz too)"
    )
    parser.add_argument(
        "--mapping",
        type=Path,
        help="the mapping file (default: lead_mapping.csv in LEAD_SCORING_PROFILE_DIR)",
    )
    parser.add_argument(
        "--again",
        action="store_true",
        help="read a file imported before even if unchanged (rows already in raw are skipped)",
    )


def _report(con, path: Path, result: LoadResult, load_id: str) -> None:
    print(
        f"{path.name}: {result.records_read:,} rows read, {result.rows_inserted:,} new, "
        f"{result.rows_skipped:,} already loaded, {result.rows_quarantined:,} quarantined"
    )
    if result.new_fields:
        print(f"  unmapped columns kept in _extra: {', '.join(result.new_fields)}")
    reasons = con.execute(
        "select reason from raw._quarantine where _load_id = ? order by position limit ?",
        [load_id, SHOWN_REASONS],
    ).fetchall()
    for (reason,) in reasons:
        print(f"  quarantined: {reason}")
    if result.rows_quarantined > len(reasons):
        print(f"  ... see raw._quarantine where _load_id = '{load_id}'")


def run(args: argparse.Namespace) -> int:
    try:
        mapping = read_mapping(args.mapping or settings.lead_mapping_path())
        warehouse = settings.duckdb_path()
        with connect(warehouse) as con:
            ensure_raw_schema(con)
            for path in (p.resolve() for p in args.files):
                if not path.is_file():
                    raise IngestError(f"{path} does not exist", "import", "Check the path.")
                if already_imported(con, args.entity, path) and not args.again:
                    print(f"{path.name}: imported before and unchanged, skipped (--again reads it)")
                    continue
                load_id = f"import-{uuid.uuid4()}"
                print(f"importing {args.entity} from {path} into raw.{TABLES[args.entity]}")
                result = import_file(con, args.entity, path, mapping, load_id, progress=print)
                _report(con, path, result, load_id)
    except (MappingError, IngestError, settings.ConfigError) as err:
        print(f"lead-scoring import: {err}", file=sys.stderr)
        return 2
    return 0
