"""A generated data set, a CRM sandbox on a real port and a temporary warehouse, shared by
the end-to-end tests of one module."""

import os
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from unittest import mock

import dagster as dg
import pytest

from lead_scoring.crm.sandbox import SandboxServer
from lead_scoring.generator import generate

END_DATE = date(2026, 11, 20)


@dataclass
class Pipeline:
    root: Path
    warehouse: Path
    sandbox: SandboxServer

    def run(self, **run_config) -> dg.ExecuteInProcessResult:
        from lead_scoring.definitions import build_defs

        job = build_defs().resolve_job_def("nightly_lead_scoring")
        # disposed at once: left to the garbage collector, its SQLite storage is closed from
        # whichever thread happens to collect it, which SQLite refuses (noisy tracebacks)
        with dg.DagsterInstance.ephemeral() as instance:
            return job.execute_in_process(
                instance=instance, run_config=run_config or None, raise_on_error=False
            )


@contextmanager
def pipeline_on(root: Path, leads: int, days: int, seed: int):
    generate(root / "generated", leads=leads, days=days, seed=seed, end_date=END_DATE,
             progress=False)  # fmt: skip
    with SandboxServer(root / "crm.sqlite") as sandbox:
        sandbox.import_dir(root / "generated" / "crm")
        env = {
            "LEAD_SCORING_DUCKDB": str(root / "warehouse.duckdb"),
            "LEAD_SCORING_WEB_EVENTS_DIR": str(root / "generated" / "web"),
            "LEAD_SCORING_EMAIL_EVENTS_DIR": str(root / "generated" / "email"),
            "LEAD_SCORING_CRM_API_DOMAIN": sandbox.base_url,
            "LEAD_SCORING_CRM_ACCOUNTS_URL": sandbox.base_url,
            "LEAD_SCORING_SCORE_AS_OF": f"{END_DATE.isoformat()}T23:59:59",
        }
        with mock.patch.dict(os.environ, env):
            yield Pipeline(root=root, warehouse=root / "warehouse.duckdb", sandbox=sandbox)


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    with pipeline_on(tmp_path_factory.mktemp("e2e"), leads=300, days=30, seed=11) as p:
        yield p


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> Path:
    """One generated data set for the data-gate scenarios (read-only: copy it to change it)."""
    root = tmp_path_factory.mktemp("generated")
    generate(root, leads=300, days=30, seed=23, end_date=END_DATE, progress=False)
    return root


@pytest.fixture(scope="session")
def reference(generated, tmp_path_factory):
    """A clean, uninterrupted run on `generated`: the tables every data-gate scenario must end
    with. Its scenario stays up; the blocking-check test runs again on it (after the capture)."""
    import shutil

    from tests.e2e.scenarios import scenario, tables

    with scenario(tmp_path_factory.mktemp("reference"), generated) as clean:
        result = clean.run()
        assert result.success
        clean.result = result
        clean.tables = tables(clean.warehouse)
        clean.published_tables = tables(clean.published, schemas=("marts",))
        clean.scores = clean.crm_scores()
        # as this clean run left them (the blocking-check test later runs again on it)
        clean.lead_scores_md5 = lead_scores_md5(clean.warehouse)
        clean.quarantined = row_count(clean.warehouse, "raw._quarantine")
        clean.published_copy = clean.root / "published-by-reference.duckdb"  # kept as it was
        shutil.copy(clean.published, clean.published_copy)
        yield clean


def lead_scores_md5(warehouse: Path) -> list[tuple]:
    """md5 of every lead's (id, total score, tier), and how many leads."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(
            "select md5(string_agg(lead_id || '|' || total_score || '|' || tier, ',' "
            "order by lead_id)), count(*) from marts.lead_scores"
        ).fetchall()


def row_count(warehouse: Path, table: str) -> int:
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(f"select count(*) from {table}").fetchone()[0]
