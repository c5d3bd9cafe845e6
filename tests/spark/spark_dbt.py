"""dbt on local Spark inside the test process: one JVM and one Spark session for every Spark
test (dbt-spark's session method reuses the process's session; its warehouse folder and
metastore are fixed when it starts), under one temporary folder."""

import json
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from tests.dbt.dbt_helpers import PROJECT, dbt_location_args

SCORE_AS_OF = "2026-11-20T23:59:59"


@dataclass
class SparkDbt:
    root: Path  # the session's tables (warehouse/) and metastore

    def env(self, raw_parquet: Path | None = None, **extra: str) -> dict[str, str]:
        env = {
            "LEAD_SCORING_ENGINE": "spark",
            "LEAD_SCORING_SPARK_DIR": str(self.root),
            "LEAD_SCORING_SPARK_MASTER": "local[2]",
            "LEAD_SCORING_SCORE_AS_OF": SCORE_AS_OF,
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "SPARK_LOCAL_IP": "127.0.0.1",
        }
        if raw_parquet is not None:
            env["LEAD_SCORING_SPARK_RAW_PARQUET_DIR"] = str(raw_parquet)
        return {**env, **extra}

    @contextmanager
    def environment(self, raw_parquet: Path | None = None, **extra: str):
        with mock.patch.dict(os.environ, self.env(raw_parquet, **extra)):
            yield

    def invoke(
        self,
        args: list[str],
        work_dir: Path,
        project: Path = PROJECT,
        raw_parquet: Path | None = None,
        **extra_env: str,
    ):
        """`dbt <args>` in this process on the Spark target (the raw tables registered from
        `raw_parquet` when the build starts); the dbtRunnerResult."""
        from dbt.cli.main import dbtRunner

        command = [*args, *dbt_location_args(project, work_dir)]
        with self.environment(raw_parquet, **extra_env):
            return dbtRunner().invoke(command)

    def compiled(
        self, sql: str, work_dir: Path, dbt_vars: dict | None = None, **extra_env: str
    ) -> str:
        """The SQL `sql` (Jinja calling the project's macros) compiles to on Spark."""
        args = ["compile", "--quiet", "--inline", sql]
        if dbt_vars:
            args += ["--vars", json.dumps(dbt_vars)]
        result = self.invoke(args, work_dir, **extra_env)
        if not result.success:
            raise AssertionError(f"dbt compile failed: {result.exception or result.result}")
        return result.result.results[0].node.compiled_code

    def table_folder(self, schema: str, table: str) -> Path:
        """Where Spark keeps a managed table's Parquet files."""
        return self.root / "warehouse" / f"{schema}.db" / table


def spark_session():
    """The session dbt-spark started in this process."""
    from pyspark.sql import SparkSession

    return SparkSession.builder.getOrCreate()
