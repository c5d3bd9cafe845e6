"""Resources shared by every domain: the warehouse file and the CRM connection."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from lead_scoring import settings
from lead_scoring.crm import ZohoCrmClient, ZohoSettings
from lead_scoring.ingest.warehouse import connect
from lead_scoring.run_lock import RunInProgress, hold_run_lock


class Warehouse(dg.ConfigurableResource):
    """The DuckDB warehouse file. Empty `path` means `LEAD_SCORING_DUCKDB` (read when used)."""

    path: str = ""

    def resolved_path(self) -> Path:
        return Path(self.path).resolve() if self.path else settings.duckdb_path()

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator["Warehouse"]:
        """The run holds the warehouse for its whole length: a second run stops here, before
        its first step, naming the run that holds it."""
        run_id = context.run.run_id if context.run else "outside a run"
        try:
            with hold_run_lock(self.resolved_path(), run_id):
                yield self
        except RunInProgress as err:
            raise dg.Failure(description=str(err)) from err

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        with connect(self.resolved_path(), read_only=read_only) as con:
            yield con


class ZohoCrm(dg.ConfigurableResource):
    """Zoho CRM v8 (or the local sandbox) from the LEAD_SCORING_CRM_* variables, read when used.

    Secrets never live in Dagster config: `api_domain` may be overridden (tests), nothing else.
    """

    api_domain: str = ""

    def client(self) -> ZohoCrmClient:
        crm_settings = ZohoSettings.from_env()
        if self.api_domain:
            crm_settings = ZohoSettings.from_env(
                {**os.environ, "LEAD_SCORING_CRM_API_DOMAIN": self.api_domain}
            )
        return ZohoCrmClient(crm_settings)


defs = dg.Definitions(resources={"warehouse": Warehouse(), "crm": ZohoCrm()})
