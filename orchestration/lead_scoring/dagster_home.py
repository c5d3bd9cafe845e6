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
    """DAGSTER_HOME when set, else the project's .dagster_home; created, with the project's
    dagster.yaml when it has none (an existing dagster.yaml is left as it is)."""
    home = Path(os.environ.get("DAGSTER_HOME") or DAGSTER_HOME)
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(INSTANCE_YAML)
    return home


if __name__ == "__main__":  # `make dev` prepares the instance before `dagster dev`
    print(dagster_home())
