"""`lead-scoring report`: regenerate the report from the published snapshot, without a run."""

import argparse
import sys

from lead_scoring import settings
from lead_scoring.report.build import PERIODS, write_report
from lead_scoring.report.snapshot import SnapshotMissing


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--period",
        choices=PERIODS,
        default="day",
        help="day: the morning page (default); week / month: the review meetings' views",
    )


def run(args: argparse.Namespace) -> int:
    try:
        locale = settings.locale()
        pii_key = settings.pseudonym_key() if settings.pii_free() else None
        report = write_report(
            settings.published_duckdb_path(),
            settings.reports_dir(),
            locale=locale,
            period=args.period,
            pii_key=pii_key,
        )
    except (settings.ConfigError, SnapshotMissing) as err:
        print(f"report: {err}", file=sys.stderr)
        return 2
    variant = "PII-free" if report.pii_free else "full"
    print(
        f"report ({report.locale}, {report.period}, {variant}): {report.path} "
        f"({report.size_bytes:,} bytes), {report.latest}"
    )
    return 0
