"""`lead-scoring spark-export-raw`: the DuckDB warehouse's raw tables as Parquet for Spark."""

import argparse
import sys
from pathlib import Path

from lead_scoring.config.checks import folder_path
from lead_scoring.config.load import current
from lead_scoring.spark.raw_parquet import export_raw_parquet


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--to",
        type=Path,
        default=None,
        help="folder to write (default: LEAD_SCORING_SPARK_RAW_PARQUET_DIR)",
    )


def run(args: argparse.Namespace) -> int:
    settings = current()
    folder = folder_path(args.to) if args.to else settings.spark_raw_parquet_dir
    if folder is None:
        print(
            "lead-scoring spark-export-raw: no folder: pass --to or set "
            "LEAD_SCORING_SPARK_RAW_PARQUET_DIR, e.g. data/spark/raw",
            file=sys.stderr,
        )
        return 2
    try:
        written = export_raw_parquet(settings.duckdb, folder)
    except ValueError as err:
        print(f"lead-scoring spark-export-raw: {err}", file=sys.stderr)
        return 1
    for table, rows in written.items():
        print(f"raw.{table}: {rows} rows -> {folder / table}")
    return 0
