"""Every mart table built by dbt on Spark equals DuckDB's, row for row, on the same raw data
(the DuckDB nightly's raw tables, exported as Parquet). DuckDB's own run is the oracle: the
same models on the other engine must give the same answer, not merely run."""

from collections import Counter

import duckdb

from tests.spark.mart_rows import by_column, duckdb_rows, parquet_rows


def mart_tables(warehouse) -> list[str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return [
            name
            for (name,) in con.execute(
                "select table_name from information_schema.tables "
                "where table_schema = 'marts' and table_type = 'BASE TABLE' order by 1"
            ).fetchall()
        ]


def test_the_raw_data_is_not_trivial(duckdb_nightly):
    rows = duckdb_nightly.raw_rows
    assert rows["crm_leads"] >= 150 and rows["web_events"] > 1000 and rows["email_events"] > 100


def test_spark_builds_every_mart_duckdb_has(duckdb_nightly, spark, spark_build):
    missing = [
        table
        for table in mart_tables(duckdb_nightly.warehouse)
        if not spark.table_folder("marts", table).is_dir()
    ]
    assert not missing, f"marts DuckDB has and Spark did not build: {missing}"


def test_every_mart_equals_duckdbs_row_for_row(duckdb_nightly, spark, spark_build):
    differences = []
    compared = {}
    for table in mart_tables(duckdb_nightly.warehouse):
        duck_names, duck_rows = duckdb_rows(duckdb_nightly.warehouse, f"marts.{table}")
        spark_names, spark_rows = parquet_rows(spark.table_folder("marts", table))
        if sorted(duck_names) != sorted(spark_names):
            differences.append(
                f"marts.{table}: columns {duck_names} on DuckDB, {spark_names} on Spark"
            )
            continue
        duck = by_column(duck_names, duck_rows, duck_names)
        on_spark = by_column(spark_names, spark_rows, duck_names)
        compared[table] = len(duck)
        if duck != on_spark:
            only_duck = list((Counter(duck) - Counter(on_spark)).elements())[:3]
            only_spark = list((Counter(on_spark) - Counter(duck)).elements())[:3]
            differences.append(
                f"marts.{table}: {len(duck)} rows on DuckDB, {len(on_spark)} on Spark; "
                f"only on DuckDB {only_duck}; only on Spark {only_spark}"
            )
    print(f"compared {len(compared)} marts, {sum(compared.values())} rows: {compared}")
    assert not differences, "\n".join(differences)
    assert sum(compared.values()) > 1000  # the comparison saw real data
