"""`lead-scoring fit`: learn the points from outcomes; writes a proposed profile and a report,
never changes the live profile, warehouse or CRM."""

import argparse
from pathlib import Path

from lead_scoring import settings
from lead_scoring.tuning.fit import FitOptions, fit_profile
from lead_scoring.tuning.warehouse_copy import ScoringBuildError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("data/fit"),
        help="folder for proposed_profile/ and fit_report.html/.json",
    )
    parser.add_argument(
        "--step", type=int, default=1, help="points are multiples of this, e.g. 5 for round points"
    )
    parser.add_argument(
        "--min-leads",
        type=int,
        default=30,
        help="fewest leads with (and without) a rule for it to get points",
    )
    parser.add_argument("--hot-share", type=float, default=0.2, help="target share of Hot leads")
    parser.add_argument("--warm-share", type=float, default=0.5, help="target share of Warm")
    parser.add_argument(
        "--hot-conversion",
        type=float,
        default=None,
        help="target conversion rate of Hot instead of --hot-share, e.g. 0.3",
    )


def run(args: argparse.Namespace) -> int:
    for name in ("hot_share", "warm_share", "hot_conversion"):
        value = getattr(args, name)
        if value is not None and not 0 < value < 1:
            print(f"--{name.replace('_', '-')} must be between 0 and 1, e.g. 0.2 (got {value})")
            return 2
    if args.step < 1:
        print(f"--step must be a whole number of points of at least 1, e.g. 5 (got {args.step})")
        return 2
    options = FitOptions(
        step=args.step,
        min_leads=args.min_leads,
        hot_share=args.hot_share,
        warm_share=args.warm_share,
        hot_conversion=args.hot_conversion,
    )
    try:
        report = fit_profile(
            settings.duckdb_path(), settings.profile_dir(), args.out, options, _progress
        )
    except (ScoringBuildError, ValueError) as error:
        print(f"lead-scoring fit: {error}")
        return 1
    print(summary(report, args.out))
    return 0


def _progress(line: str) -> None:
    print(f"fit {line}", flush=True)


def summary(report: dict, out: Path) -> str:
    aucs = report["holdout_auc"]
    left_out = [row for row in report["rules"] if row["note"].startswith("too little")]
    tiers = ", ".join(
        f"{name} {cut}+"
        for name, cut in zip(report["tiers"]["names"], report["tiers"]["min_scores"], strict=False)
    )
    return "\n".join(
        [
            f"Split: {report['split']}",
            f"Scale: {report['scale']}",
            "Holdout AUC: "
            + ", ".join(f"{name.replace('_', ' ')} {value}" for name, value in aucs.items()),
            f"Proposed tiers: {tiers}",
            f"Rules with too little evidence (no points): {len(left_out)}",
            f"Proposed profile: {out / 'proposed_profile'} (not applied; preview it with "
            f"lead-scoring preview --seeds {out / 'proposed_profile'})",
            f"Report: {out / 'fit_report.html'}",
        ]
    )
