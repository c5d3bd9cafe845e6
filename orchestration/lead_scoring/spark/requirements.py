"""What LEAD_SCORING_ENGINE=spark needs on this machine: the Spark extra (pyspark, dbt-spark)
in this Python and a Java to start Spark with. Checked before dbt runs, so a missing piece is
named instead of surfacing as dbt's "Could not find adapter type spark!"."""

import importlib.util
import os
import shutil
from pathlib import Path


def spark_missing(environ: dict[str, str] | None = None) -> str | None:
    """Why Spark cannot run here, or None when it can."""
    environ = os.environ if environ is None else environ
    modules = ("pyspark", "dbt.adapters.spark")
    if any(importlib.util.find_spec(name) is None for name in modules):
        return (
            "LEAD_SCORING_ENGINE=spark: the Spark extra is not installed in this Python "
            "(pyspark, dbt-spark): run `make install-spark` or pip install '.[spark]'"
        )
    java_home = environ.get("JAVA_HOME", "").strip()
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        return None
    if shutil.which("java", path=environ.get("PATH")) is None:
        return (
            "LEAD_SCORING_ENGINE=spark: Spark needs Java 17, and neither JAVA_HOME nor PATH has "
            "a java (Debian: apt-get install openjdk-17-jre-headless)"
        )
    return None
