"""The code location's shape: a renamed asset, check, job or schedule shows up here.

After an intended change, refresh the snapshot:
`UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/test_definitions.py`.
"""

import os
from pathlib import Path

import dagster as dg
import pytest

from lead_scoring.definitions import build_defs

defs = build_defs()
SNAPSHOT = Path(__file__).parent / "snapshots" / "definitions.txt"


def _describe() -> str:
    graph = defs.resolve_asset_graph()
    keys = sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string())
    lines = [f"asset {key.to_user_string()} group={graph.get(key).group_name}" for key in keys]
    lines += sorted(
        f"check {key.asset_key.to_user_string()}:{key.name}" for key in graph.asset_check_keys
    )
    lines += [
        f"job {job.name}" for job in defs.resolve_all_job_defs() if not job.name.startswith("__")
    ]
    lines += [
        f"schedule {s.name} job={s.job_name} cron={s.cron_schedule} tz={s.execution_timezone}"
        for s in defs.schedules
    ]
    lines += sorted(f"sensor {s.name} default={s.default_status.value}" for s in defs.sensors or [])
    return "\n".join(lines) + "\n"


def test_definitions_match_the_snapshot():
    current = _describe()
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(current)
        pytest.skip(f"{SNAPSHOT.name} rewritten: review its diff, then run again without it")
    assert current == SNAPSHOT.read_text()


def test_the_nightly_schedule_targets_every_asset_but_the_by_hand_fit():
    job = defs.resolve_job_def("nightly_lead_scoring")
    graph = defs.resolve_asset_graph()
    by_hand = {dg.AssetKey(["tuning", "proposed_scoring_profile"])}
    assert set(job.asset_layer.executable_asset_keys) == set(graph.executable_asset_keys) - by_hand
