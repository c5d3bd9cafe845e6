"""The Spark session of this process, configured as the dbt target `spark` (profiles.yml):
tables (Parquet) under LEAD_SCORING_SPARK_DIR/warehouse, its Derby metastore beside them,
session time zone UTC, LEAD_SCORING_SPARK_MASTER.

The nightly job on Spark runs dbt in this same process, so dbt-spark's session method picks up
this session (`getOrCreate`) and the checks, publish and sync read the very tables dbt wrote,
through one JVM and one metastore (embedded Derby admits one JVM at a time). A session that
already runs in the process (dbt started it) is returned as it is.
"""

from pathlib import Path


def session_config(spark_dir: Path, master: str) -> dict[str, str]:
    """The same settings as profiles.yml's `server_side_parameters`."""
    root = spark_dir.resolve()
    return {
        "spark.master": master,
        "spark.sql.warehouse.dir": str(root / "warehouse"),
        "spark.hadoop.javax.jdo.option.ConnectionURL": (
            f"jdbc:derby:;databaseName={root / 'metastore_db'};create=true"
        ),
        "spark.driver.extraJavaOptions": f"-Dderby.system.home={root}",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.legacy.createHiveTableByDefault": "false",
        "spark.sql.shuffle.partitions": "2",
        "spark.ui.enabled": "false",
    }


def spark_session():
    """This process's Spark session (started from the settings when there is none yet)."""
    from pyspark.sql import SparkSession

    from lead_scoring.config.load import current
    from lead_scoring.spark.requirements import spark_missing

    missing = spark_missing()
    if missing:
        from lead_scoring.config.errors import ConfigError

        raise ConfigError(missing)
    settings = current()
    builder = SparkSession.builder.enableHiveSupport()
    for key, value in session_config(settings.spark_dir, settings.spark_master).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()
