"""DuckDB's own read of landing files: the yardstick of our landing (docs/performance.md, 3)."""

import time

import duckdb


def read_json_seconds(files: list, columns: dict, format: str = "newline_delimited") -> float:
    """Seconds DuckDB takes to read `files` into a table of typed rows, with the raw table's
    columns (`columns`: source field -> SQL type): what a loader without contracts would do. A
    bare count(*) would let DuckDB skip parsing the columns. `format='array'` for SendGrid's
    JSON arrays."""
    struct = ", ".join(f"'{name}': '{sql_type}'" for name, sql_type in columns.items())
    with duckdb.connect() as con:
        started = time.perf_counter()
        con.execute(
            f"create temp table day_read as select * from read_json($files, format = '{format}', "
            f"compression = 'auto_detect', columns = {{{struct}}})",
            {"files": [str(path) for path in files]},
        )
        return time.perf_counter() - started
