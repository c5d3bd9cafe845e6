"""SIGKILL during ingest, during dbt and during publish, then an ordinary re-run: the tables
(raw, quarantine, marts, the BI snapshot) and the CRM end as the uninterrupted reference run's.

Each stage has its own CRM sandbox and warehouse on the reference's data. Runs are separate
processes (killed ones die with their dbt subprocess); the three stages run side by side to
save time, first the killed runs, then the re-runs.
"""

import os
import shutil
import signal
import subprocess
import sys
from contextlib import ExitStack

import duckdb
import pytest

from lead_scoring import settings
from tests.e2e.scenarios import published_run_id, scenario, tables

STAGES = ("ingest", "dbt", "publish")


def _side_by_side(runs: dict, stage_of) -> dict[str, subprocess.CompletedProcess]:
    """`python -m tests.e2e.kill_runner <stage_of(stage)>` for every scenario at once."""
    started = {
        stage: subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.kill_runner", stage_of(stage)],
            cwd=settings.PROJECT_ROOT,
            env={**os.environ, **run.env()},
            start_new_session=True,  # its own process group: a kill takes its dbt, not us
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for stage, run in runs.items()
    }
    done = {}
    for stage, process in started.items():
        output, _ = process.communicate(timeout=900)
        done[stage] = subprocess.CompletedProcess(process.args, process.returncode, output)
    return done


def _after_the_kill(run) -> dict:
    """What a crash left: landed loads, the BI folder, CRM writes."""
    loads = {}
    if run.warehouse.exists():
        with duckdb.connect(str(run.warehouse), read_only=True) as con:
            found = con.execute("select table_name, count(*) from raw._loads group by 1")
            loads = dict(found.fetchall())
    folder = run.published.parent
    files = sorted(p.name for p in folder.iterdir()) if folder.exists() else []
    snapshot = run.published.read_bytes() if run.published.exists() else None
    return {"loads": loads, "files": files, "snapshot": snapshot, "crm_writes": run.crm_writes()}


@pytest.fixture(scope="module")
def crashes(generated, reference, tmp_path_factory):
    with ExitStack() as stack:
        runs = {
            stage: stack.enter_context(scenario(tmp_path_factory.mktemp(stage), generated))
            for stage in STAGES
        }
        runs["publish"].published.parent.mkdir(parents=True)  # the last good snapshot BI reads
        shutil.copy(reference.published_copy, runs["publish"].published)
        killed = _side_by_side(runs, lambda stage: stage)
        left = {stage: _after_the_kill(run) for stage, run in runs.items()}
        rerun = _side_by_side(runs, lambda stage: "none")
        yield {stage: (runs[stage], killed[stage], left[stage], rerun[stage]) for stage in STAGES}


def _assert_killed_then_recovered(crash, reference) -> None:
    run, killed, _, rerun = crash
    assert killed.returncode == -signal.SIGKILL, killed.stdout[-4000:]
    assert rerun.returncode == 0, rerun.stdout[-4000:]
    assert tables(run.warehouse) == reference.tables
    assert tables(run.published, schemas=("marts",)) == reference.published_tables
    assert run.crm_scores() == reference.scores


def test_killed_during_ingest(crashes, reference):
    _, _, left, _ = crashes["ingest"]
    # the two loads before the killed one committed; the third (crm_leads) rolled back
    assert left["loads"] == {"crm_calls": 1, "crm_deleted_leads": 1}
    assert (left["snapshot"], left["crm_writes"]) == (None, 0)
    _assert_killed_then_recovered(crashes["ingest"], reference)


def test_killed_during_dbt(crashes, reference):
    _, _, left, _ = crashes["dbt"]
    # every source landed before dbt started: the three CRM reads, web and e-mail events
    assert len(left["loads"]) == 5
    assert (left["snapshot"], left["crm_writes"]) == (None, 0)
    _assert_killed_then_recovered(crashes["dbt"], reference)


def test_killed_during_publish_keeps_the_old_snapshot(crashes, reference):
    run, _, left, rerun = crashes["publish"]
    assert left["snapshot"] == reference.published_copy.read_bytes()
    assert len(left["files"]) == 2  # the written, never swapped-in snapshot is left over
    assert left["crm_writes"] == 0  # the CRM sync comes after the publish
    _assert_killed_then_recovered(crashes["publish"], reference)
    run_id = rerun.stdout.rsplit("run_id=", 1)[1].split()[0]
    assert published_run_id(run.published) == {run_id}
    assert sorted(p.name for p in run.published.parent.iterdir()) == [run.published.name]
