"""A scenario: one generated data set (shared, read-only), its own CRM sandbox, warehouse and BI
snapshot. Unlike `pipeline_on`, the environment is set only while a run (or a child process)
needs it, so a scenario can live for the whole session without leaking settings."""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import dagster as dg
import duckdb
import requests

from lead_scoring.crm import ZohoCrmClient, ZohoSettings
from lead_scoring.crm.sandbox import SandboxServer
from tests.e2e.conftest import END_DATE

SCORE_FIELDS = ["Lead_Score", "Lead_Tier", "Score_Reasons"]


@dataclass
class Scenario:
    root: Path
    data: Path  # generated/ (crm/, web/, email/)
    sandbox: SandboxServer
    settings: dict = field(default_factory=dict)

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def published(self) -> Path:
        return self.root / "published" / "warehouse.duckdb"

    def env(self) -> dict:
        return {
            "LEAD_SCORING_DUCKDB": str(self.warehouse),
            "LEAD_SCORING_PUBLISHED_DUCKDB": str(self.published),
            "LEAD_SCORING_WEB_EVENTS_DIR": str(self.data / "web"),
            "LEAD_SCORING_EMAIL_EVENTS_DIR": str(self.data / "email"),
            "LEAD_SCORING_REPORTS_DIR": str(self.root / "reports"),  # parallel tests, own files
            "LEAD_SCORING_CRM_API_DOMAIN": self.sandbox.base_url,
            "LEAD_SCORING_CRM_ACCOUNTS_URL": self.sandbox.base_url,
            "LEAD_SCORING_SCORE_AS_OF": f"{END_DATE.isoformat()}T23:59:59",
            **self.settings,
        }

    @contextmanager
    def environment(self) -> Iterator[None]:
        with mock.patch.dict(os.environ, self.env()):
            yield

    def run(self) -> dg.ExecuteInProcessResult:
        from lead_scoring.definitions import build_defs

        with self.environment(), dg.DagsterInstance.ephemeral() as instance:
            return (
                build_defs()
                .resolve_job_def("nightly_lead_scoring")
                .execute_in_process(instance=instance, raise_on_error=False)
            )

    def crm_scores(self) -> dict[str, tuple]:
        with ZohoCrmClient(ZohoSettings.for_sandbox(self.sandbox.base_url)) as client:
            records = client.iter_records("Leads", SCORE_FIELDS)
            return {r["id"]: tuple(r.get(f) for f in SCORE_FIELDS) for r in records}

    def crm_writes(self) -> int:
        log = requests.get(f"{self.sandbox.base_url}/__sandbox/requests", timeout=10).json()
        return sum(1 for e in log["requests"] if e["method"] == "POST" and "/crm/v8/" in e["path"])


@contextmanager
def scenario(root: Path, data: Path, **settings) -> Iterator[Scenario]:
    """A fresh sandbox holding `data/crm`, and an empty warehouse under `root`."""
    root.mkdir(parents=True, exist_ok=True)
    with SandboxServer(root / "crm.sqlite") as sandbox:
        sandbox.import_dir(data / "crm")
        yield Scenario(root=root, data=data, sandbox=sandbox, settings=settings)


def copy_data(data: Path, destination: Path) -> Path:
    shutil.copytree(data, destination)
    return destination


# the loader's and the CRM client's own records of a run (ids, times, credits), not data
BOOKKEEPING = ("_loads", "_landing_files", "_crm_api_credits", "_crm_read_marks")


def tables(path: Path, schemas=("raw", "marts")) -> dict[str, list[tuple]]:
    """Every table of `schemas` as sorted rows, without what differs between two loads of the
    same records (load ids and times, file paths): what must match between runs."""
    skip = {"_loaded_at", "_load_id", "_source", "source"}
    found = {}
    with duckdb.connect(str(path), read_only=True) as con:
        listed = con.execute(
            "select table_schema, table_name from information_schema.tables "
            f"where table_schema in {tuple(schemas) + ('',)} and table_name not in "
            f"{BOOKKEEPING} order by 1, 2"
        ).fetchall()
        for schema, table in listed:
            columns = [
                c for (c,) in con.execute(
                    "select column_name from information_schema.columns "
                    "where table_schema = ? and table_name = ? order by ordinal_position",
                    [schema, table],
                ).fetchall()
                if c not in skip
            ]  # fmt: skip
            names = ", ".join(f'"{c}"' for c in columns)
            rows = con.execute(f"select {names} from {schema}.{table} order by all").fetchall()
            found[f"{schema}.{table}"] = rows
    return found


def published_run_id(path: Path) -> set[str]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {
            r for (r,) in con.execute("select distinct run_id from publish.snapshot").fetchall()
        }
