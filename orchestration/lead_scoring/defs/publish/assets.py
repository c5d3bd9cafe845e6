"""The BI snapshot asset: published only when every mart and all their blocking checks passed.

It depends on every dbt model in schema `marts` (read from the dbt project, so a new mart is
included without code changes); Dagster runs it only after those assets' blocking checks
passed, so a failed check leaves BI on the last good snapshot.
"""

import dagster as dg

from lead_scoring import settings
from lead_scoring.defs.dbt.assets import lead_scoring_dbt
from lead_scoring.defs.resources import Warehouse
from lead_scoring.publish.snapshot import publish_marts
from lead_scoring.quality.history_rollback import mark_published

MART_KEYS = sorted(
    (key for key in lead_scoring_dbt.keys if key.path[0] == "marts"),
    key=lambda key: key.to_user_string(),
)


@dg.asset(
    key=["publish", "bi_snapshot"],
    group_name="publish",
    kinds={"duckdb"},
    deps=MART_KEYS,
    description="The `marts` schema copied into LEAD_SCORING_PUBLISHED_DUCKDB (default "
    "published/ beside the warehouse: data/published/warehouse.duckdb) and swapped in "
    "atomically: what BI tools read.",
)
def bi_snapshot(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    try:
        target = settings.published_duckdb_path(warehouse.resolved_path())
        with warehouse.connect() as con:
            published = publish_marts(con, target, context.run.run_id)
            mark_published(con)  # this run's history write stands (quality/history_rollback)
    except (ValueError, settings.ConfigError) as err:
        raise dg.Failure(description=f"BI publish: {err}") from err
    context.log.info("published %s tables to %s", len(published.row_counts), published.path)
    return dg.MaterializeResult(
        metadata={
            "path": str(published.path),
            "tables": dg.MetadataValue.json(published.row_counts),
            "dagster/row_count": sum(published.row_counts.values()),
        }
    )


defs = dg.Definitions(assets=[bi_snapshot])
