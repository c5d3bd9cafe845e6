"""The BI snapshot and the score export: written only when every mart and all their blocking
checks passed.

It depends on every dbt model in schema `marts` (read from the dbt project, so a new mart is
included without code changes); Dagster runs it only after those assets' blocking checks
passed, so a failed check leaves BI on the last good snapshot.
"""

import dagster as dg
import duckdb

from lead_scoring import settings
from lead_scoring.defs.resources import Warehouse
from lead_scoring.progress import report
from lead_scoring.publish.export import export_lead_scores
from lead_scoring.publish.snapshot import publish_marts
from lead_scoring.quality.history_rollback import mark_published
from lead_scoring.report.health import health_frames


def build_publish_defs(dbt_asset_keys) -> dg.Definitions:
    """The BI snapshot asset, downstream of every dbt model in schema `marts`."""
    marts = sorted(
        (key for key in dbt_asset_keys if key.path[0] == "marts"),
        key=lambda key: key.to_user_string(),
    )

    @dg.asset(
        key=["publish", "bi_snapshot"],
        group_name="publish",
        kinds={"duckdb"},
        deps=marts,
        owners=["team:analytics-engineering"],
        tags={"consumer": "bi"},
        description="The `marts` schema copied into LEAD_SCORING_PUBLISHED_DUCKDB (default "
        "published/ beside the warehouse: data/published/warehouse.duckdb) and swapped in "
        "atomically: what BI tools read. With LEAD_SCORING_PII_FREE=true, without names, "
        "e-mails or phone numbers (pseudonymous lead keys). Its `ops` schema: data health for "
        "the report.",
    )
    def bi_snapshot(
        context: dg.AssetExecutionContext, warehouse: Warehouse
    ) -> dg.MaterializeResult:
        return publish(context, warehouse)

    @dg.asset(
        key=["publish", "lead_scores_export"],
        group_name="publish",
        kinds={"csv", "parquet"},
        deps=marts,
        owners=["team:analytics-engineering"],
        tags={"consumer": "files"},
        description="marts.lead_scores as lead_scores.csv and lead_scores.parquet in "
        "LEAD_SCORING_EXPORT_DIR (default export/ beside the warehouse: data/export), each "
        "replaced atomically after every blocking check passed: where scores go without a CRM.",
    )
    def lead_scores_export(
        context: dg.AssetExecutionContext, warehouse: Warehouse
    ) -> dg.MaterializeResult:
        return export(context, warehouse)

    return dg.Definitions(assets=[bi_snapshot, lead_scores_export])


def publish(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    if settings.current().engine == "spark":
        return publish_on_spark(context)
    try:
        target = settings.published_duckdb_path(warehouse.resolved_path())
        pii_key = settings.pseudonym_key() if settings.pii_free() else None
        with warehouse.connect() as con:
            published = publish_marts(
                con, target, context.run.run_id, pii_key=pii_key, ops=health_frames(con)
            )
            mark_published(con)  # this run's history write stands (quality/history_rollback)
    except (ValueError, settings.ConfigError) as err:
        raise dg.Failure(description=f"BI publish: {err}") from err
    rows = sum(published.row_counts.values())
    report(
        context,
        f"publish: {len(published.row_counts)} tables, {rows:,} rows to {published.path}",
    )
    return dg.MaterializeResult(
        metadata={
            "path": str(published.path),
            "tables": dg.MetadataValue.json(published.row_counts),
            "pii_free": pii_key is not None,
            "dagster/row_count": rows,
        }
    )


def export(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    try:
        folder = settings.export_dir(warehouse.resolved_path())
        if settings.current().engine == "spark":
            exported = export_from_spark(folder, context.run.run_id)
        else:
            with warehouse.connect() as con:
                exported = export_lead_scores(con, folder, context.run.run_id)
    except (OSError, duckdb.IOException, settings.ConfigError) as err:
        raise dg.Failure(description=f"Score export (LEAD_SCORING_EXPORT_DIR): {err}") from err
    report(context, f"export: {exported.rows:,} lead scores to {folder}")
    return dg.MaterializeResult(
        metadata={
            "files": dg.MetadataValue.json([str(f) for f in exported.files]),
            "dagster/row_count": exported.rows,
        }
    )


def publish_on_spark(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    """LEAD_SCORING_ENGINE=spark: the snapshot is Spark's schema `published`."""
    from lead_scoring.publish.spark_snapshot import publish_marts_on_spark
    from lead_scoring.spark.session import spark_session

    if settings.pii_free():
        raise dg.Failure(
            description="BI publish: LEAD_SCORING_PII_FREE=true is not available with "
            "LEAD_SCORING_ENGINE=spark yet (the PII-free copy is DuckDB SQL); unset one of them."
        )
    try:
        published = publish_marts_on_spark(spark_session(), context.run.run_id)
    except (ValueError, settings.ConfigError) as err:
        raise dg.Failure(description=f"BI publish: {err}") from err
    rows = sum(published.row_counts.values())
    report(
        context,
        f"publish: {len(published.row_counts)} tables, {rows:,} rows to Spark schema "
        f"{published.path}",
    )
    return dg.MaterializeResult(
        metadata={
            "spark_schema": str(published.path),
            "tables": dg.MetadataValue.json(published.row_counts),
            "pii_free": False,
            "dagster/row_count": rows,
        }
    )


def export_from_spark(folder, run_id: str):
    """marts.lead_scores from Spark (Arrow batches into an in-memory DuckDB), then the same
    files as on DuckDB."""
    from lead_scoring.spark.arrow_copy import copy_table
    from lead_scoring.spark.session import spark_session

    with duckdb.connect() as con:
        con.execute("set TimeZone = 'UTC'")
        copy_table(spark_session(), con, "marts.lead_scores")
        return export_lead_scores(con, folder, run_id)
