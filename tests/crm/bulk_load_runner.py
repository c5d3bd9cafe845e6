"""`python -m tests.crm.bulk_load_runner <sandbox URL> <warehouse> <threshold>`: one CRM Leads
load, as the ingest asset runs it (Get Records probe, then the Bulk Read API past the
threshold). The test that kills it mid-download runs it in its own process so the kill is a real
SIGKILL."""

import sys
from pathlib import Path

import duckdb

from lead_scoring.crm import ZohoCrmClient, ZohoSettings
from lead_scoring.ingest.crm_reads import crm_pages
from lead_scoring.ingest.crm_records import CRM_CONTRACTS, CRM_MODULES, load_crm_pages
from lead_scoring.ingest.warehouse import connect, ensure_raw_schema

THRESHOLD = 10_000


def load(base_url: str, warehouse: str, load_id: str, threshold: int = THRESHOLD):
    module, fields = CRM_MODULES["crm_leads"]
    settings = ZohoSettings.for_sandbox(base_url, timeout_seconds=120.0, max_retries=2)
    with ZohoCrmClient(settings) as client, connect(Path(warehouse)) as con:
        ensure_raw_schema(con)
        pages = crm_pages(
            client, CRM_CONTRACTS["crm_leads"], module, list(fields), None, threshold=threshold
        )
        return load_crm_pages(con, "crm_leads", pages, load_id)


def landed_leads(warehouse: str) -> list[tuple]:
    """What a load left in raw.crm_leads, by id: the columns the tests compare."""
    with duckdb.connect(warehouse, read_only=True) as con:
        return con.execute(
            "select id, email, no_of_employees, owner_id, modified_time from raw.crm_leads "
            "order by id"
        ).fetchall()


if __name__ == "__main__":
    load(sys.argv[1], sys.argv[2], "killed", int(sys.argv[3]))
