"""`lead-scoring preview --seeds DIR`: what a profile would change, before it ships."""

import argparse
from pathlib import Path

from lead_scoring import settings
from lead_scoring.tuning.preview import preview
from lead_scoring.tuning.warehouse_copy import ScoringBuildError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--seeds",
        type=Path,
        required=True,
        help="profile folder to preview, e.g. data/fit/proposed_profile",
    )


def run(args: argparse.Namespace) -> int:
    try:
        result = preview(settings.duckdb_path(), args.seeds)
    except (ScoringBuildError, ValueError) as error:
        print(f"lead-scoring preview: {error}")
        return 1
    print(render(result))
    return 0


def render(result: dict) -> str:
    cells = {(row["old_tier"], row["new_tier"]): row["leads"] for row in result["tier_matrix"]}
    tiers = sorted({tier for pair in cells for tier in pair})
    lines = [
        "Leads by tier: live (rows) x with the seeds (columns)",
        " " * 12 + "".join(f"{tier:>10}" for tier in tiers),
    ]
    for old in tiers:
        lines.append(f"{old:<12}" + "".join(f"{cells.get((old, new), 0):>10}" for new in tiers))
    lines.append("")
    lines.append("Leads that change tier (largest score change first):")
    for row in result["examples"]:
        lines += [
            f"  {row['lead_id']}: {row['old_tier']} {row['old_score']} -> "
            f"{row['new_tier']} {row['new_score']}",
            f"    now:  {row['old_reasons'] or '(no reasons)'}",
            f"    then: {row['new_reasons'] or '(no reasons)'}",
        ]
    handoffs, writes = result["handoffs"], result["crm_writes"]
    lines += [
        "",
        f"Sales-ready (handed off): {handoffs['sales_ready_now']} now, "
        f"{handoffs['sales_ready_with_seeds']} with the seeds "
        f"(+{handoffs['newly_sales_ready']}, -{handoffs['no_longer_ready']})",
        f"CRM writes the change would cause: {writes['leads_updated']} leads updated "
        f"({writes['tier_changes']} with a new tier). Nothing was sent; the live marts are "
        "unchanged.",
    ]
    return "\n".join(lines)
