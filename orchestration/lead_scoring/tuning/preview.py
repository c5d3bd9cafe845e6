"""Score every lead with other seeds next to the live scores: a dbt build on a temporary copy
of the warehouse, compared with the live marts (only read). Nothing is sent to the CRM."""

import tempfile
from pathlib import Path

import duckdb

from lead_scoring.tuning.warehouse_copy import SCORE_SELECTION, build_copy, live_score_as_of

EXAMPLES = 5


def preview(warehouse: Path, seeds: Path) -> dict:
    if not (seeds / "score_attribute_rules.csv").is_file():
        raise ValueError(f"--seeds {seeds}: not a profile folder (no score_attribute_rules.csv)")
    with tempfile.TemporaryDirectory(prefix="lead-scoring-preview-") as scratch:
        as_of = live_score_as_of(warehouse)
        copy = build_copy(
            warehouse, seeds, Path(scratch), as_of, SCORE_SELECTION, instead_of_the_live_run=True
        )
        with duckdb.connect(str(copy), read_only=True) as con:
            con.execute(f"attach '{_quoted(warehouse)}' as live (read_only)")
            return {
                "tier_matrix": _rows(con, TIER_MATRIX),
                "examples": _rows(con, MOVERS.format(limit=EXAMPLES)),
                "handoffs": _rows(con, HANDOFFS)[0],
                "crm_writes": _rows(con, CRM_WRITES)[0],
            }


def _rows(con, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _quoted(path: Path) -> str:
    return str(path.resolve()).replace("'", "''")


TIER_MATRIX = """
    select old.tier as old_tier, new.tier as new_tier, count(*) as leads
    from live.marts.lead_scores as old
    inner join marts.lead_scores as new on old.lead_id = new.lead_id
    group by all order by all
"""

MOVERS = """
    select old.lead_id, old.tier as old_tier, new.tier as new_tier,
        old.total_score as old_score, new.total_score as new_score,
        old.score_reasons as old_reasons, new.score_reasons as new_reasons
    from live.marts.lead_scores as old
    inner join marts.lead_scores as new on old.lead_id = new.lead_id
    where old.tier <> new.tier
    order by abs(new.total_score - old.total_score) desc, old.lead_id
    limit {limit}
"""

HANDOFFS = """
    select
        count(*) filter (where old.is_sales_ready) as sales_ready_now,
        count(*) filter (where new.is_sales_ready) as sales_ready_with_seeds,
        count(*) filter (where new.is_sales_ready and not old.is_sales_ready) as newly_sales_ready,
        count(*) filter (where old.is_sales_ready and not new.is_sales_ready) as no_longer_ready
    from live.marts.lead_qualification as old
    inner join marts.lead_qualification as new on old.lead_id = new.lead_id
"""

CRM_WRITES = """
    -- the reverse ETL sends a lead when its payload hash differs from the last one sent
    select
        count(*) filter (where old.payload_hash is distinct from new.payload_hash) as leads_updated,
        count(*) filter (where old.lead_tier is distinct from new.lead_tier) as tier_changes
    from marts.sync_crm__lead_scores as new
    left join live.marts.sync_crm__lead_scores as old on new.lead_id = old.lead_id
"""
