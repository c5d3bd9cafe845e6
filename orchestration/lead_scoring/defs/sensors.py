"""The sensors: new landing files start a run (off by default); failed runs are announced."""

import dagster as dg

from lead_scoring.defs.failure_sensor import notify_run_failure
from lead_scoring.defs.landing_sensor import new_landing_files

defs = dg.Definitions(sensors=[new_landing_files, notify_run_failure])
