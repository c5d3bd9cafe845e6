"""Seed cells reach Spark as they are in the CSV. dbt-spark's session connection pasted each
value between quotes unescaped: an empty cell became the text 'None', and a quote or a
backslash in a label broke the statement or lost a character."""

import pytest

from tests.spark.spark_dbt import spark_session

CELLS = [
    "Title: department head",
    "O'Brien's \\ role",  # a quote and a backslash
    "購買部長",
    "",  # agate reads an empty cell as None
]


@pytest.mark.parametrize("ansi", ["false", "true"])
def test_seed_cells_are_loaded_as_written_and_empty_ones_as_null(spark, tmp_path, ansi):
    values = [None if cell == "" else cell for cell in CELLS]
    literals = ", ".join(
        "{{ _spark_seed_value(" + ("none" if v is None else repr(v)) + ") }}" for v in values
    )
    compiled = spark.compiled(f"select array({literals})", tmp_path)
    session = spark_session()
    session.conf.set("spark.sql.ansi.enabled", ansi)
    try:
        (row,) = session.sql(compiled).collect()
    finally:
        session.conf.set("spark.sql.ansi.enabled", "false")
    assert list(row[0]) == values
