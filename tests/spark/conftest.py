"""The Spark tests (`make test-spark`): skipped where pyspark is not installed (`make test`
leaves them out by their marker either way). One Spark session for all of them; the nightly job
on DuckDB over a small generated data set, and the same job on local Spark from the same data
(with a CRM sandbox of its own), for the tests that compare the engines.
"""

from pathlib import Path

import pytest

pytest.importorskip("pyspark", reason="the Spark extra is not installed (make install-spark)")

from lead_scoring.run_report import failure_lines  # noqa: E402
from lead_scoring.spark.raw_parquet import export_raw_parquet  # noqa: E402
from tests.e2e.scenarios import scenario  # noqa: E402
from tests.spark.spark_dbt import SparkDbt  # noqa: E402

LEADS = 150
DAYS = 30
SEED = 18


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(item.fspath).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.spark)


@pytest.fixture(scope="session")
def duckdb_nightly(tmp_path_factory):
    """The nightly job on DuckDB over generated data; its raw tables exported as Parquet."""
    from lead_scoring.generator import generate
    from tests.e2e.conftest import END_DATE

    root = tmp_path_factory.mktemp("duckdb_nightly")
    generate(root / "generated", leads=LEADS, days=DAYS, seed=SEED, end_date=END_DATE,
             progress=False)  # fmt: skip
    with scenario(root / "run", root / "generated") as run:
        result = run.run()
        assert result.success, "the DuckDB nightly failed"
        run.raw_parquet = root / "raw_parquet"
        run.raw_rows = export_raw_parquet(run.warehouse, run.raw_parquet)
        yield run


@pytest.fixture(scope="session")
def spark(tmp_path_factory) -> SparkDbt:
    """dbt on Spark in this process; its tables and metastore in one folder for the session."""
    return SparkDbt(tmp_path_factory.mktemp("spark"))


@pytest.fixture(scope="session")
def spark_nightly(spark, duckdb_nightly, tmp_path_factory):
    """The nightly job with LEAD_SCORING_ENGINE=spark on the DuckDB nightly's generated data,
    with a CRM sandbox of its own: ingest into DuckDB raw, raw as Parquet, dbt build on Spark in
    this process (the session's tables), GX checks on Spark DataFrames, publish to Spark schema
    `published`, sync from Spark."""
    root = tmp_path_factory.mktemp("spark_nightly")
    env = spark.env(root / "raw_parquet")
    env.pop("LEAD_SCORING_SCORE_AS_OF")  # the scenario's, the same as the DuckDB nightly's
    with scenario(root / "run", duckdb_nightly.data, **env) as run:
        result = run.run()
        assert result.success, "the Spark nightly failed:\n" + "\n".join(failure_lines(result))
        run.result = result
        yield run


@pytest.fixture(scope="session")
def spark_build(spark_nightly):
    """dbt's tables on Spark, as the nightly job on Spark built them."""
    return spark_nightly
