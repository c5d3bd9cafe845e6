"""The nightly job stops before dbt when LEAD_SCORING_ENGINE is not duckdb: its checks,
publish and CRM sync would read the DuckDB warehouse while dbt wrote to Spark."""

import dagster as dg
import pytest

from lead_scoring.defs.dbt.assets import duckdb_engine


def test_the_nightly_dbt_step_refuses_spark_naming_the_setting():
    with pytest.raises(dg.Failure) as raised:
        duckdb_engine("spark")
    assert raised.value.description.startswith("LEAD_SCORING_ENGINE=spark: ")
    assert "lead-scoring dbt build" in raised.value.description


def test_duckdb_runs():
    duckdb_engine("duckdb")
