"""The raw tables dbt reads, written as Parquet for Spark: one folder per table
(`<folder>/<table>/part-0.parquet`), which the Spark build registers as the tables of its raw
schema (macro register_raw_parquet, LEAD_SCORING_SPARK_RAW_PARQUET_DIR).

JSON columns are written as text (Spark has no JSON type; the models parse the text) and
timestamps with an offset as UTC instants. A table is replaced whole: a folder holds exactly
what the warehouse held when it was written.
"""

import shutil
from pathlib import Path

import duckdb

from lead_scoring.ingest.raw_tables import RAW_TABLES


def export_raw_parquet(warehouse: Path, folder: Path) -> dict[str, int]:
    """Write every raw source table of `warehouse` under `folder`; rows written per table."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for table in RAW_TABLES:
            columns = con.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = 'raw' and table_name = ? order by ordinal_position",
                [table],
            ).fetchall()
            if not columns:
                raise ValueError(f"{warehouse} has no table raw.{table}: run an ingest first")
            select = ", ".join(_as_parquet(name, sql_type) for name, sql_type in columns)
            target = folder / table
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            path = str(target / "part-0.parquet").replace("'", "''")
            con.execute(f"copy (select {select} from raw.{table}) to '{path}' (format parquet)")
            written[table] = con.execute(f"select count(*) from raw.{table}").fetchone()[0]
    return written


def _as_parquet(name: str, sql_type: str) -> str:
    quoted = '"' + name.replace('"', '""') + '"'
    if sql_type.upper() == "JSON":
        return f"cast({quoted} as varchar) as {quoted}"
    return quoted
