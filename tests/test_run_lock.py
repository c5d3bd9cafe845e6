"""One run at a time per warehouse: the lock, seen from a second process."""

import subprocess
import sys
import textwrap

import dagster as dg
import pytest

from lead_scoring.defs.ingest.assets import web_events
from lead_scoring.defs.resources import Warehouse, ZohoCrm
from lead_scoring.run_lock import RunInProgress, hold_run_lock, lock_path, running

HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from lead_scoring.run_lock import hold_run_lock
    with hold_run_lock(Path(sys.argv[1]), "run-in-the-child"):
        print("held", flush=True)
        sys.stdin.read()  # until the test closes our stdin
    """
)


@pytest.fixture
def other_run(tmp_path):
    """Another process holding the warehouse's run lock until the test ends."""
    warehouse = tmp_path / "warehouse.duckdb"
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(warehouse)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline() == "held\n"
    yield warehouse, child
    child.stdin.close()
    child.wait(timeout=30)


def test_a_held_warehouse_names_the_run_that_holds_it(other_run):
    warehouse, child = other_run
    message = running(warehouse)
    assert "run run-in-the-child" in message and f"pid {child.pid}" in message
    assert str(lock_path(warehouse)) in message
    with (
        pytest.raises(RunInProgress, match="another run is in progress"),
        hold_run_lock(warehouse, "run-2"),
    ):
        pass


def test_the_warehouse_is_free_again_when_the_holder_ends(other_run):
    warehouse, child = other_run
    child.stdin.close()
    child.wait(timeout=30)
    assert running(warehouse) is None
    with hold_run_lock(warehouse, "run-2"), hold_run_lock(warehouse, "run-2"):  # re-entrant
        assert running(warehouse) is None or "run-2" in running(warehouse)


def test_a_dagster_run_stops_before_its_first_step_naming_the_holder(other_run, tmp_path):
    warehouse, child = other_run
    (tmp_path / "web").mkdir()
    with dg.DagsterInstance.ephemeral() as instance:
        result = dg.materialize(
            [web_events],
            resources={"warehouse": Warehouse(path=str(warehouse)), "crm": ZohoCrm()},
            instance=instance,
            raise_on_error=False,
        )
    assert not result.success
    (failure,) = [e for e in result.all_events if e.event_type_value == "RESOURCE_INIT_FAILURE"]
    text = failure.event_specific_data.error.message
    assert "another run is in progress" in text and f"pid {child.pid}" in text
    assert not warehouse.exists()  # nothing was written
