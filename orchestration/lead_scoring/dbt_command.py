"""`lead-scoring dbt ...`: the project's dbt with its project, profile and warehouse, from any
folder (plain `dbt` needs to run inside dbt_project/ or be given DBT_PROJECT_DIR)."""

import argparse
import os
import subprocess
import sys

from lead_scoring.config.load import current
from lead_scoring.config.tools import dbt_executable
from lead_scoring.project import DBT_PROJECT_DIR


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "dbt_args",
        nargs=argparse.REMAINDER,
        help="what to pass to dbt, e.g. `docs generate` or `build --select lead_scores`",
    )


def run(args: argparse.Namespace) -> int:
    settings = current()
    dbt = dbt_executable(settings)
    if dbt is None:
        print("lead-scoring dbt: dbt not found; set LEAD_SCORING_DBT_EXECUTABLE", file=sys.stderr)
        return 2
    if settings.engine == "spark":
        from lead_scoring.spark.requirements import spark_missing

        missing = spark_missing()
        if missing:
            print(f"lead-scoring dbt: {missing}", file=sys.stderr)
            return 2
    env = {
        **os.environ,
        "DBT_PROJECT_DIR": str(DBT_PROJECT_DIR),
        "DBT_PROFILES_DIR": str(DBT_PROJECT_DIR),
    }  # profiles.yml resolves a relative LEAD_SCORING_DUCKDB against DBT_PROJECT_DIR/..
    return subprocess.call([str(dbt), *args.dbt_args], env=env)
