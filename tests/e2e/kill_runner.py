"""`python -m tests.e2e.kill_runner <stage>`: the nightly job, killed with SIGKILL mid-stage
(`none`: an ordinary run, exit code 0 when it succeeded, its run id printed last).

The process kills its whole process group (itself and dbt's subprocess), as an OOM killer or a
lost machine would: no `finally`, no rollback, no flush. Run it in a new session so the group
is only this run. Stages:
- ingest: inside the third load's transaction (steps run in key order: CRM calls, deleted
  leads, then the leads), after its rows are inserted and before the commit; the two loads
  before it are committed;
- dbt: right after dbt built its first model (its build half-done: some tables new, most not);
- publish: the new snapshot is fully written but not yet swapped in.
"""

import itertools
import os
import signal
import sys

import dagster as dg


def die() -> None:
    os.killpg(os.getpgid(0), signal.SIGKILL)


def _during_ingest() -> None:
    from lead_scoring.ingest import records

    insert, loads = records._insert_good, itertools.count(1)

    def insert_then_die(*args, **kwargs):
        inserted = insert(*args, **kwargs)
        if next(loads) == 3:
            die()
        return inserted

    records._insert_good = insert_then_die


def _during_dbt() -> None:
    from dagster_dbt.core.dbt_cli_invocation import DbtCliInvocation

    stream = DbtCliInvocation.stream_raw_events

    def stream_then_die(self):
        for event in stream(self):
            yield event
            node = event.raw_event.get("data", {}).get("node_info", {})
            if node.get("node_status") == "success" and node.get("resource_type") == "model":
                die()

    DbtCliInvocation.stream_raw_events = stream_then_die


def _during_publish() -> None:
    from lead_scoring.publish import snapshot

    fsync = snapshot._fsync

    def fsync_then_die(path, directory=False):
        fsync(path, directory)
        if path.name.endswith(".tmp"):  # the written snapshot, just before os.replace
            die()

    snapshot._fsync = fsync_then_die


STAGES = {"ingest": _during_ingest, "dbt": _during_dbt, "publish": _during_publish}


def main(stage: str) -> int:
    STAGES.get(stage, lambda: None)()
    from lead_scoring.definitions import build_defs

    result = (
        build_defs()
        .resolve_job_def("nightly_lead_scoring")
        .execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)
    )
    print(f"run_id={result.run_id}")
    if stage in STAGES:
        print("the run finished: the kill point was never reached")
        return 3
    return 0 if result.success else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
