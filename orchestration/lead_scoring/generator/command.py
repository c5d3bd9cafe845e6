"""`lead-scoring generate`: write deterministic sample data for the CRM, web and e-mail."""

import argparse
import json
from datetime import UTC, date, datetime
from pathlib import Path

from lead_scoring.generator.generate import generate
from lead_scoring.generator.import_files import write_import_files
from lead_scoring.project import PROJECT_ROOT


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", type=Path, default=PROJECT_ROOT / "data" / "generated", help="output folder"
    )
    parser.add_argument("--leads", type=int, default=1_000, help="number of CRM lead records")
    parser.add_argument("--days", type=int, default=90, help="days of web and e-mail events")
    parser.add_argument("--seed", type=int, default=42, help="random seed")
    parser.add_argument(
        "--end-date",
        type=date.fromisoformat,
        default=None,
        help="last generated day, YYYY-MM-DD (default: today, UTC)",
    )
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    parser.add_argument(
        "--gzip", action="store_true", help="gzip the web and e-mail event files (.gz)"
    )
    parser.add_argument(
        "--import-files",
        type=Path,
        help="also write the data as files to import (leads.csv with the hidden outcome, "
        "activities.csv, lead_mapping.csv) into this folder",
    )


def run(args: argparse.Namespace) -> int:
    end_date = args.end_date or datetime.now(UTC).date()
    summary = generate(
        args.out,
        args.leads,
        args.days,
        args.seed,
        end_date,
        progress=not args.no_progress,
        compress=args.gzip,
    )
    result = {"out": str(args.out), "end_date": end_date.isoformat(), **summary.as_dict()}
    if args.import_files:
        result["import_files"] = write_import_files(args.out, args.import_files)
    print(json.dumps(result))
    return 0
