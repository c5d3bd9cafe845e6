"""The report asset: the morning HTML page, written at the end of the nightly job.

It runs after the BI snapshot was published (so after every blocking check passed) and after
the CRM sync, whose answers its data-health section shows. It reads the published snapshot,
as `make report` does, plus the warehouse's bookkeeping tables, fresher than the snapshot's.
"""

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg

from lead_scoring import settings
from lead_scoring.defs.resources import Warehouse
from lead_scoring.report.build import PERIODS, write_report
from lead_scoring.report.health import health_frames


@dg.asset(
    key=["report", "daily_report"],
    group_name="report",
    kinds={"html"},
    deps=[["publish", "bi_snapshot"], ["reverse_etl", "crm_lead_scores"]],
    description="The page sales and marketing open every morning: hand-offs, tiers, funnel, "
    "SLA, conversion, rule lift and data health, as one offline HTML file per day in "
    "LEAD_SCORING_REPORTS_DIR (default data/reports/<date>.html and latest.html; weekly and "
    "monthly views beside them), in LEAD_SCORING_LOCALE, PII-free with LEAD_SCORING_PII_FREE.",
)
def daily_report(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    try:
        locale = settings.locale()
        pii_key = settings.pseudonym_key() if settings.pii_free() else None
        with warehouse.connect(read_only=True) as con:
            ops = health_frames(con)
        with snapshot_file(warehouse) as snapshot:
            reports = [
                write_report(
                    snapshot,
                    settings.reports_dir(),
                    locale=locale,
                    period=period,
                    pii_key=pii_key,
                    ops=ops,
                )
                for period in PERIODS
            ]
    except settings.ConfigError as err:
        raise dg.Failure(description=f"report: {err}") from err
    day = reports[0]
    context.log.info("report written to %s (%d bytes)", day.path, day.size_bytes)
    metadata = {
        "path": dg.MetadataValue.path(str(day.path)),
        "latest": dg.MetadataValue.url(day.latest.resolve().as_uri()),
        "size_bytes": day.size_bytes,
        "locale": locale,
        "pii_free": day.pii_free,
    }
    for report in reports[1:]:
        metadata[f"latest_{report.period}"] = dg.MetadataValue.path(str(report.latest))
    return dg.MaterializeResult(metadata=metadata)


@contextmanager
def snapshot_file(warehouse: Warehouse) -> Iterator[Path]:
    """The published snapshot as a DuckDB file: LEAD_SCORING_PUBLISHED_DUCKDB, or on Spark a
    temporary copy of schema `published` (report/spark_snapshot.py)."""
    if settings.current().engine != "spark":
        yield settings.published_duckdb_path(warehouse.resolved_path())
        return
    from lead_scoring.report.spark_snapshot import snapshot_file_from_spark
    from lead_scoring.spark.session import spark_session

    with tempfile.TemporaryDirectory(prefix="spark-snapshot-") as work:
        yield snapshot_file_from_spark(spark_session(), Path(work) / "published.duckdb")


defs = dg.Definitions(assets=[daily_report])
