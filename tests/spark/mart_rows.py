"""Rows of a table as plain Python values that mean the same on both engines, read by DuckDB
from the DuckDB warehouse and from the Parquet files Spark wrote: timestamps as naive UTC,
numbers as int when whole and else rounded to 6 places (sums of doubles may differ in the
last bits with the order of addition), booleans as booleans, text as text."""

import datetime as dt
import math
from decimal import Decimal
from pathlib import Path

import duckdb

PLACES = 6


def duckdb_rows(warehouse: Path, relation: str) -> tuple[list[str], list[tuple]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return _rows(con, relation)


def parquet_rows(folder: Path) -> tuple[list[str], list[tuple]]:
    """A Spark table's folder; a partitioned one has its partition column in the path."""
    files = str(folder / "**" / "*.parquet").replace("'", "''")
    with duckdb.connect() as con:
        return _rows(con, f"read_parquet('{files}', hive_partitioning = true)")


def _rows(con, relation: str) -> tuple[list[str], list[tuple]]:
    con.execute("set TimeZone = 'UTC'")
    described = con.execute(f"describe select * from {relation}").fetchall()
    selected = []
    for name, sql_type, *_ in described:
        quoted = '"' + name.replace('"', '""') + '"'
        if sql_type.upper().startswith("TIMESTAMP WITH TIME ZONE"):
            selected.append(f"timezone('UTC', {quoted}) as {quoted}")
        else:
            selected.append(quoted)
    names = [name.lower() for name, *_ in described]
    rows = con.execute(f"select {', '.join(selected)} from {relation}").fetchall()
    return names, [tuple(normal(value) for value in row) for row in rows]


def normal(value):
    if value is None or isinstance(value, bool | str | dt.date):
        return value  # a datetime is a date: naive UTC on both sides
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):
        number = float(value)
        if math.isnan(number) or math.isinf(number):
            return str(number)
        return int(number) if number.is_integer() else round(number, PLACES)
    if isinstance(value, list | tuple):
        return tuple(normal(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, normal(v)) for k, v in value.items()))
    raise TypeError(f"no rule to compare a {type(value).__name__}: {value!r}")


def by_column(names: list[str], rows: list[tuple], order: list[str]) -> list[tuple]:
    """Rows with their columns in `order` (Spark puts a partition column last), sorted."""
    index = [names.index(name) for name in order]
    return sorted((tuple(row[i] for i in index) for row in rows), key=repr)
