"""`lead-scoring profile [--out DIR]`: what the leads and activities hold and what converts,
printed, and (with --out) written as a starter profile folder an engineer edits."""

import argparse
import csv
import shutil
import sys
from pathlib import Path

import duckdb

from lead_scoring import settings
from lead_scoring.imports.mapping import EntityMapping, MappingError, read_mapping
from lead_scoring.ingest.warehouse import connect
from lead_scoring.profiling import seeds
from lead_scoring.profiling.report import render
from lead_scoring.profiling.sources import open_source
from lead_scoring.profiling.stats import activity_profiles, column_profile, overall


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, help="write a starter profile folder here")
    parser.add_argument("--top", type=int, default=10, help="values shown per text column")
    parser.add_argument(
        "--mapping",
        type=Path,
        help="the mapping file (default: lead_mapping.csv in LEAD_SCORING_PROFILE_DIR)",
    )


def _write_csv(path: Path, rows: list[list]) -> None:
    with path.open("w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def write_starter(out: Path, mapping_path: Path, report: str, attribute, behavior) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "profile.txt").write_text(report + "\n")
    _write_csv(out / "score_attribute_rules.csv", [seeds.ATTRIBUTE_HEADER, *attribute])
    _write_csv(out / "score_behavior_rules.csv", [seeds.BEHAVIOR_HEADER, *behavior])
    _write_csv(out / "score_category_caps.csv", seeds.caps_rows())
    _write_csv(out / "score_tiers.csv", seeds.TIERS)
    if mapping_path.resolve() != (out / "lead_mapping.csv").resolve():
        shutil.copy(mapping_path, out / "lead_mapping.csv")


def profile(con: duckdb.DuckDBPyConnection, mapping_path: Path, top: int):
    """(report text, attribute rows, behavior rows) of the warehouse's leads."""
    mapping = read_mapping(mapping_path)
    source = open_source(con, mapping)
    totals = overall(con)
    columns = [column_profile(con, c, top) for c in source.columns]
    numeric = [
        c.column
        for c in mapping.entities.get("activities", EntityMapping("activities")).columns
        if c.role == "field" and c.type == "number"
    ]
    activities = activity_profiles(con, numeric) if source.activities_from else []
    rate = totals[1] / totals[0] if source.has_outcome and totals[0] else None
    report = render(source, totals, columns, activities)
    return report, seeds.attribute_rows(columns, rate), seeds.behavior_rows(activities, rate)


def run(args: argparse.Namespace) -> int:
    mapping_path = args.mapping or settings.lead_mapping_path()
    try:
        with connect(settings.duckdb_path(), read_only=True) as con:
            report, attribute, behavior = profile(con, mapping_path, args.top)
    except (MappingError, ValueError, duckdb.Error) as err:
        print(f"lead-scoring profile: {err}", file=sys.stderr)
        return 2
    print(report)
    if args.out:
        write_starter(args.out, mapping_path, report, attribute, behavior)
        print(f"starter profile written to {args.out}: review every rule's points and label")
    return 0
