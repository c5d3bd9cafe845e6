"""The report's input on Spark (LEAD_SCORING_ENGINE=spark): the BI snapshot is Spark's schema
`published` (publish/spark_snapshot.py); the report reads a DuckDB file shaped like the DuckDB
snapshot, so its tables are copied (Arrow batches) into a temporary one: `published.<table>`
as `marts.<table>`, `published.publish_snapshot` as `publish.snapshot`."""

from pathlib import Path

import duckdb

from lead_scoring.publish.spark_snapshot import RUNS_TABLE, SCHEMA
from lead_scoring.spark.arrow_copy import copy_table


def snapshot_file_from_spark(spark, path: Path) -> Path:
    """Write the published Spark tables into the DuckDB file `path` (replaced)."""
    path.unlink(missing_ok=True)
    tables = sorted(t.name for t in spark.catalog.listTables(SCHEMA) if not t.isTemporary)
    with duckdb.connect(str(path)) as con:
        con.execute("set TimeZone = 'UTC'")
        for table in tables:
            source = f"{SCHEMA}.{table}"
            target = "publish.snapshot" if source == RUNS_TABLE else f"marts.{table}"
            copy_table(spark, con, source, target)
    return path
