"""What a check validates when dbt built on Spark (LEAD_SCORING_ENGINE=spark): the model's rows
as a Spark DataFrame (GX validates it with its Spark datasource, where it lies), its row count,
and the rule seeds the score-bound parameters come from.

Raw tables are not read here: the embedded ingest lands them in the DuckDB warehouse, where
their suites run as on DuckDB (`frames.py`). Marts are read whole, except those that keep
history: their newest day (`frames.MART_FILTERS`, plain SQL both engines read alike).
"""

import duckdb

from lead_scoring.quality.frames import MART_FILTERS
from lead_scoring.quality.parameters import SCORE_BOUNDS
from lead_scoring.spark.arrow_copy import copy_table

# the seeds quality/score_bounds.py reads
SEED_TABLES = (
    "scoring.score_attribute_rules",
    "scoring.score_behavior_rules",
    "scoring.score_category_caps",
    "scoring.score_tiers",
)
SEED_PARAMETERS = SCORE_BOUNDS | {"tiers"}


def table_columns(spark, schema: str, table: str) -> list[str]:
    """The table's columns; [] when Spark has no such table."""
    if not spark.catalog.tableExists(f"{schema}.{table}"):
        return []
    return spark.table(f"{schema}.{table}").columns


def read_frame(spark, schema: str, table: str, columns: list[str]):
    """The rows to validate, with only `columns`, as a Spark DataFrame."""
    select = ", ".join(f"`{c}`" for c in columns) if columns else "1 as _row"
    where = MART_FILTERS.get(table) if schema == "marts" else None
    sql = f"select {select} from {schema}.{table}" + (f" where {where}" if where else "")
    return spark.sql(sql)


def row_count(spark, schema: str, table: str) -> int:
    return spark.table(f"{schema}.{table}").count()


def seeds_connection(spark, parameters: set[str]) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB for the suite's `parameters`: with the rule seeds Spark loaded when
    one of them comes from the seeds (score bounds, tier names)."""
    con = duckdb.connect()
    if parameters & SEED_PARAMETERS:
        for relation in SEED_TABLES:
            if spark.catalog.tableExists(relation):
                copy_table(spark, con, relation)
    return con
