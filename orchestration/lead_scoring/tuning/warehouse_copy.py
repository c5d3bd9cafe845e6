"""Score leads with any profile on a temporary copy of the warehouse: the live warehouse, its
marts and the CRM are never touched (dbt writes only to the copy)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from lead_scoring import settings
from lead_scoring.ingest.warehouse import table_columns

# what a profile changes: the scores and what reads them (hand-offs, the CRM payload)
SCORE_SELECTION = "+lead_scores +lead_qualification +sync_crm__lead_scores"


class ScoringBuildError(RuntimeError):
    pass


def live_score_as_of(warehouse: Path) -> str:
    """The scoring time of the live lead_scores, so a copy is scored as of the same moment."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        row = con.execute("select max(scored_at) from marts.lead_scores").fetchone()
    if row is None or row[0] is None:
        raise ScoringBuildError(
            f"{warehouse}: marts.lead_scores is empty; run the pipeline (lead-scoring run) first"
        )
    return row[0].strftime("%Y-%m-%dT%H:%M:%S")


def build_copy(
    warehouse: Path,
    profile: Path,
    work_dir: Path,
    score_as_of: str,
    selection: str,
    instead_of_the_live_run: bool = False,
) -> Path:
    """Copy the warehouse into work_dir and `dbt build` `selection` there with `profile`.
    With `instead_of_the_live_run`, the copy first forgets the score history the live run
    wrote on its day, so the build is that day's run instead of a second one: a hand-off the
    live points made today is then not carried forward as if it were settled (it is kept
    only when the other points make it too), while earlier days' hand-offs stay."""
    work_dir.mkdir(parents=True, exist_ok=True)
    copy = work_dir / "warehouse.duckdb"
    shutil.copyfile(warehouse, copy)
    if instead_of_the_live_run:
        _forget_latest_history_day(copy)
    # dbt writes a seed's run SQL to target/run/<project>/<seed path>; for an absolute seed
    # path that is the seed file itself, so dbt gets a copy of the profile to clobber
    profile = shutil.copytree(profile, work_dir / "profile", dirs_exist_ok=True)
    env = {
        **os.environ,
        "LEAD_SCORING_DUCKDB": str(copy),
        "LEAD_SCORING_PROFILE_DIR": str(Path(profile).resolve()),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    project = str(settings.DBT_PROJECT_DIR)
    command = [
        str(Path(sys.executable).parent / "dbt"),
        "--no-use-colors",
        "build",
        "--select",
        selection,
        "--exclude-resource-type",
        "unit_test",
        "--vars",
        f'{{score_as_of: "{score_as_of}"}}',
        "--project-dir",
        project,
        "--profiles-dir",
        project,
        "--target-path",
        str(work_dir / "target"),
        "--log-path",
        str(work_dir / "logs"),
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        errors = [line for line in done.stdout.splitlines() if "rror" in line or "FAIL" in line]
        raise ScoringBuildError(
            f"dbt build with profile {profile} on a copy of {warehouse} failed:\n"
            + "\n".join(errors[-12:] or done.stdout.splitlines()[-15:])
        )
    return copy


def _forget_latest_history_day(copy: Path) -> None:
    with duckdb.connect(str(copy)) as con:
        if table_columns(con, "marts", "lead_score_history"):
            con.execute(
                "delete from marts.lead_score_history where snapshot_date ="
                " (select max(snapshot_date) from marts.lead_score_history)"
            )
