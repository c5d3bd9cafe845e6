"""The CRM's deleted (and merged-away) leads, read every run from `GET /Leads/deleted`.

Staging drops a deleted lead from every model downstream (marts, BI snapshot, CRM sync set);
its history rows stay, and `marts.lead_deletions` says when and how it left.
"""

import dagster as dg

from lead_scoring import settings
from lead_scoring.crm.deleted_records import iter_deleted_pages
from lead_scoring.defs.ingest.assets import _crm_client, _metadata, _source_off, user_errors
from lead_scoring.defs.resources import Warehouse, ZohoCrm
from lead_scoring.ingest.crm_records import INCREMENTAL_LOOKBACK, load_crm_pages
from lead_scoring.ingest.warehouse import ensure_raw_schema

TABLE = "crm_deleted_leads"


def deleted_since(con):
    """Where the next read starts: the newest deletion landed, less the usual margin."""
    latest = con.execute(
        f"select max(try_cast(deleted_time as timestamptz)) from raw.{TABLE}"
    ).fetchone()[0]
    return latest - INCREMENTAL_LOOKBACK if latest else None


@dg.asset(
    key=["raw", TABLE],
    group_name="ingest",
    kinds={"duckdb", "zoho"},
    description="Zoho CRM Leads deleted or merged away (GET /Leads/deleted), one row per "
    "deletion (id, deleted_time).",
)
def crm_deleted_leads(
    context: dg.AssetExecutionContext, warehouse: Warehouse, crm: ZohoCrm
) -> dg.MaterializeResult:
    with user_errors():
        if settings.source_off(TABLE):  # LEAD_SCORING_CRM=none: no CRM to ask
            return _source_off(context, warehouse, TABLE)
    with _crm_client(crm) as client, user_errors(), warehouse.connect() as con:
        ensure_raw_schema(con)
        since = deleted_since(con)
        pages = ((p.source, p.records) for p in iter_deleted_pages(client, "Leads", since))
        where = f"Zoho CRM Leads/deleted at {client.settings.api_domain}"
        result = load_crm_pages(con, TABLE, pages, context.run.run_id, where=where)
        total = con.execute(f"select count(*) from raw.{TABLE}").fetchone()[0]
    context.log.info("Leads/deleted: %d new deletions since %s", result.rows_inserted, since)
    return dg.MaterializeResult(metadata=_metadata(result, total, deleted_since=str(since)))


defs = dg.Definitions(assets=[crm_deleted_leads])
