"""The BI snapshot on Spark (LEAD_SCORING_ENGINE=spark): schema `published`, a copy of every
`marts` table, written only after every blocking check passed, plus `published.publish_snapshot`
(which run wrote each table, when, how many rows). BI tools on the lakehouse read `published`,
never `marts`, which dbt replaces before its tests run.

Known difference from DuckDB (`snapshot.py`, one file swapped in by one rename): Parquet tables
are replaced one at a time, so a reader during a publish may see some tables of the new run and
some of the last. On Delta (Databricks) each replace is atomic per table, not across tables.
"""

from datetime import UTC, datetime

from lead_scoring.publish.snapshot import Published

SOURCE = "marts"
SCHEMA = "published"
RUNS_TABLE = f"{SCHEMA}.publish_snapshot"


def mart_tables(spark) -> list[str]:
    return sorted(t.name for t in spark.catalog.listTables(SOURCE) if not t.isTemporary)


def publish_marts_on_spark(spark, run_id: str) -> Published:
    """Copy every table of Spark's `marts` into `published`; rows per table."""
    tables = mart_tables(spark)
    if not tables:
        raise ValueError(f"Spark has no `{SOURCE}` tables to publish: build them first")
    spark.sql(f"create database if not exists {SCHEMA}")
    counts = {}
    for table in tables:
        frame = spark.table(f"{SOURCE}.{table}")
        frame.write.mode("overwrite").format("parquet").saveAsTable(f"{SCHEMA}.{table}")
        counts[table] = spark.table(f"{SCHEMA}.{table}").count()
    now = datetime.now(UTC)
    runs = spark.createDataFrame(
        [(run_id, now, table, rows) for table, rows in counts.items()],
        "run_id string, published_at timestamp, table_name string, row_count bigint",
    )
    runs.write.mode("overwrite").format("parquet").saveAsTable(RUNS_TABLE)
    return Published(path=SCHEMA, row_counts=counts)
