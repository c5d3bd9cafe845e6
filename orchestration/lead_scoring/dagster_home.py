"""The project's Dagster instance folder (.dagster_home) with the instance settings the project
wants: no telemetry (nor its banner), Dagster's own Python logs at WARNING."""

import os
from pathlib import Path

from lead_scoring.project import DAGSTER_HOME

INSTANCE_YAML = """\
# Written by lead-scoring (lead_scoring/dagster_home.py); edit freely, it is not rewritten.
telemetry:
  enabled: false
python_logs:
  python_log_level: WARNING
"""


def dagster_home() -> Path:
    """DAGSTER_HOME when set (the user's own instance, left as it is), else the project's,
    created with its dagster.yaml when missing."""
    if os.environ.get("DAGSTER_HOME"):
        return Path(os.environ["DAGSTER_HOME"])
    DAGSTER_HOME.mkdir(parents=True, exist_ok=True)
    config = DAGSTER_HOME / "dagster.yaml"
    if not config.exists():
        config.write_text(INSTANCE_YAML)
    return DAGSTER_HOME


if __name__ == "__main__":  # `make dev` prepares the instance before `dagster dev`
    print(dagster_home())
