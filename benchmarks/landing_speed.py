"""DuckDB's own read of landing files: the yardstick of our landing (docs/performance.md, 3)."""

import time

import duckdb


def read_json_seconds(files: list, columns: dict, format: str = "newline_delimited") -> float:
    """Seconds DuckDB takes to count the records of `files`, read with the raw table's columns
    (`columns`: source field -> SQL type). `format='array'` for SendGrid's JSON arrays."""
    struct = ", ".join(f"'{name}': '{sql_type}'" for name, sql_type in columns.items())
    with duckdb.connect() as con:
        started = time.perf_counter()
        con.execute(
            f"select count(*) from read_json($files, format = '{format}', "
            f"compression = 'auto_detect', columns = {{{struct}}})",
            {"files": [str(path) for path in files]},
        ).fetchone()
        return time.perf_counter() - started
