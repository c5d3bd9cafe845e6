"""The Spark tests (`make test-spark`): skipped where pyspark is not installed (`make test`
leaves them out by their marker either way). One Spark session for all of them; one DuckDB
nightly on a small generated data set, its raw tables as Parquet, and one `dbt build` on local
Spark over them, for the tests that compare the engines."""

from pathlib import Path

import pytest

pytest.importorskip("pyspark", reason="the Spark extra is not installed (make install-spark)")

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
def spark_build(spark, duckdb_nightly, tmp_path_factory):
    """`dbt build` on Spark as the nightly runs it (unit tests are `make test`'s, on DuckDB),
    over the DuckDB nightly's raw tables."""
    work = tmp_path_factory.mktemp("spark_build")
    result = spark.invoke(
        ["build", "--exclude-resource-type", "unit_test"],
        work,
        raw_parquet=duckdb_nightly.raw_parquet,
    )
    failed = [
        f"{r.node.unique_id}: {r.message}"
        for r in (result.result or [])
        if str(r.status) in ("error", "fail")
    ]
    assert result.success and not failed, "dbt build on Spark failed:\n" + "\n".join(failed)
    return result
