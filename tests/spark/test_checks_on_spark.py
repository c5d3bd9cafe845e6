"""A suite run on a Spark DataFrame (GX's Spark datasource) fails where the same suite on the
same rows as a pandas frame (the DuckDB path) fails, with the same failures: a failed
error-severity expectation is a failed check (GX itself never raises), which Dagster's blocking
check then turns into no publish and no sync, on either engine."""

import json

import duckdb
import pandas as pd

from lead_scoring.quality.gx_suites import validate_frame
from lead_scoring.quality.suite_check import run_suite

SUITE = {
    "name": "gx_case.leads",
    "expectations": [
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "lead_id"}},
        {
            "type": "expect_column_values_to_be_in_set",
            "kwargs": {"column": "tier", "value_set": ["Hot", "Warm", "Cold"]},
        },
        {
            "type": "expect_column_values_to_be_between",
            "kwargs": {"column": "total_score", "min_value": 0, "max_value": 100},
        },
    ],
    "meta": {
        "table_expectations": [
            {
                "type": "expect_column_values_to_be_between",
                "kwargs": {"column": "row_count", "min_value": 1},
            }
        ]
    },
}
ROWS = [("a", "Hot", 75), (None, "Warm", 40), ("c", "Lukewarm", 130), ("d", "Cold", 5)]
COLUMNS = "lead_id string, tier string, total_score int"


def _session(spark):
    from lead_scoring.spark.session import spark_session

    with spark.environment():
        return spark_session()


def _value(value) -> str | None:
    """A sampled value; a null is None whether pandas shows it as None or NaN."""
    return None if pd.isna(value) else str(value)


def _failures(result) -> list[tuple]:
    return sorted(
        (f.expectation, f.column, f.severity, f.unexpected_count, tuple(map(_value, f.sample)))
        for f in result.failures
    )


def test_a_spark_frame_fails_as_the_same_rows_in_pandas_do(spark):
    session = _session(spark)
    frame = session.createDataFrame(ROWS, COLUMNS)
    on_pandas = validate_frame(
        pd.DataFrame(ROWS, columns=["lead_id", "tier", "total_score"]), SUITE
    )
    on_spark = validate_frame(frame, SUITE)
    assert not on_pandas.success and not on_spark.success
    assert _failures(on_spark) == _failures(on_pandas)
    assert {f.column for f in on_spark.failures} == {"lead_id", "tier", "total_score"}


def test_a_models_suite_reads_the_spark_table_and_records_the_failed_check(spark, tmp_path):
    session = _session(spark)
    session.sql("create database if not exists gx_case")
    session.createDataFrame(ROWS, COLUMNS).write.mode("overwrite").saveAsTable("gx_case.leads")
    suite = tmp_path / "gx_case.leads.json"
    suite.write_text(json.dumps(SUITE))
    with duckdb.connect() as con, spark.environment():
        outcome = run_suite(con, suite, "run-1", spark=session)
        history = con.execute("select passed, row_count from audit.check_history").fetchall()
    assert not outcome.passed
    assert outcome.rows_validated == 4 and outcome.profile["row_count"] == 4
    assert "tier" in outcome.description and "lead_id" in outcome.description
    assert history == [(False, 4)]
