"""Spark tables into DuckDB, in Arrow record batches: what the Python side reads from a Spark
build (the sync's payloads, the rule seeds behind the checks' score bounds, the score export).

Rows stream from Spark with `toLocalIterator` (one partition at a time on the driver) and go
into DuckDB a batch at a time, so memory follows the batch, not the table. Spark timestamps
(instants) become naive UTC timestamps, as the models' timestamps are on DuckDB; pyspark hands
them over in this machine's local zone, so each is turned into UTC first.
"""

from collections.abc import Iterator
from datetime import UTC, datetime

import duckdb
import pyarrow as pa

BATCH_ROWS = 10_000


def _arrow_schema(spark_schema) -> pa.Schema:
    from pyspark.sql.pandas.types import to_arrow_schema

    schema = to_arrow_schema(spark_schema)
    return pa.schema(
        [
            pa.field(f.name, pa.timestamp("us"), f.nullable) if pa.types.is_timestamp(f.type) else f
            for f in schema
        ]
    )


def _utc(value):
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.astimezone(UTC).replace(tzinfo=None)  # naive = this machine's zone
    return value


def arrow_batches(frame, rows: int = BATCH_ROWS) -> Iterator[pa.RecordBatch]:
    """The rows of a Spark DataFrame as Arrow record batches of at most `rows` rows."""
    from pyspark.sql.types import TimestampType

    schema = _arrow_schema(frame.schema)
    instants = {f.name for f in frame.schema.fields if isinstance(f.dataType, TimestampType)}
    chunk: list[dict] = []
    for row in frame.toLocalIterator(prefetchPartitions=False):
        record = row.asDict(recursive=True)
        chunk.append({k: _utc(v) if k in instants else v for k, v in record.items()})
        if len(chunk) == rows:
            yield pa.RecordBatch.from_pylist(chunk, schema=schema)
            chunk = []
    if chunk:
        yield pa.RecordBatch.from_pylist(chunk, schema=schema)


def copy_table(
    spark,
    con: duckdb.DuckDBPyConnection,
    relation: str,
    target: str | None = None,
    rows: int = BATCH_ROWS,
) -> int:
    """Replace DuckDB's `target` (schema.table; default the same name) with Spark's table
    `relation`; rows copied. An empty Spark table gives an empty table with its columns."""
    schema_name, table = (target or relation).split(".")
    frame = spark.table(relation)
    con.execute(f'create schema if not exists "{schema_name}"')
    empty = pa.Table.from_batches([], schema=_arrow_schema(frame.schema))
    con.register("_spark_batch", empty)
    try:
        con.execute(f'create or replace table "{schema_name}"."{table}" as from _spark_batch')
        copied = 0
        for batch in arrow_batches(frame, rows):
            con.register("_spark_batch", pa.Table.from_batches([batch]))
            con.execute(f'insert into "{schema_name}"."{table}" from _spark_batch')
            copied += batch.num_rows
    finally:
        con.unregister("_spark_batch")
    return copied
