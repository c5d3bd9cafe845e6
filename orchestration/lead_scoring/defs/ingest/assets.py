"""Raw-layer assets: CRM modules through the API, web and e-mail events from landing folders."""

from pathlib import Path

import dagster as dg

from lead_scoring import settings
from lead_scoring.defs.resources import Warehouse, ZohoCrm
from lead_scoring.ingest.crm_records import (
    CRM_MODULES,
    load_crm_pages,
    modified_since,
)
from lead_scoring.ingest.landing_files import (
    EMAIL_EVENTS,
    WEB_EVENTS,
    LandingSource,
    load_landing_files,
)
from lead_scoring.ingest.warehouse import ensure_raw_schema


def _landing_asset(source: LandingSource, folder_setting, description: str):
    @dg.asset(
        key=["raw", source.table],
        group_name="ingest",
        kinds={"duckdb", "json"},
        description=description,
    )
    def _asset(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
        folder = Path(folder_setting())
        if not folder.is_dir():
            raise dg.Failure(
                f"{source.table}: landing folder {folder} does not exist. Set "
                "LEAD_SCORING_WEB_EVENTS_DIR / LEAD_SCORING_EMAIL_EVENTS_DIR or run "
                "`lead-scoring generate` first."
            )
        with warehouse.connect() as con:
            ensure_raw_schema(con)
            result = load_landing_files(con, source, folder, load_id=context.run.run_id)
            total = con.execute(f"select count(*) from raw.{source.table}").fetchone()[0]
        return dg.MaterializeResult(
            metadata={
                "files_loaded": result.files_loaded,
                "files_unchanged": result.files_skipped,
                "rows_inserted": result.rows_inserted,
                "dagster/row_count": total,
                "landing_folder": str(folder),
            }
        )

    return _asset


web_events = _landing_asset(
    WEB_EVENTS,
    settings.web_events_dir,
    "Segment page/track/identify events, one row per messageId, from JSON-lines files.",
)
email_events = _landing_asset(
    EMAIL_EVENTS,
    settings.email_events_dir,
    "SendGrid event-webhook events, one row per sg_event_id, from webhook batch files.",
)


def _crm_asset(table: str):
    module, fields = CRM_MODULES[table]

    @dg.asset(
        key=["raw", table],
        group_name="ingest",
        kinds={"duckdb", "zoho"},
        description=f"Zoho CRM {module} record versions, read incrementally by Modified_Time.",
    )
    def _asset(
        context: dg.AssetExecutionContext, warehouse: Warehouse, crm: ZohoCrm
    ) -> dg.MaterializeResult:
        with crm.client() as client, warehouse.connect() as con:
            ensure_raw_schema(con)
            since = modified_since(con, table)
            pages = (
                (page.source, page.records)
                for page in client.iter_pages(module, list(fields), modified_since=since)
            )
            inserted = load_crm_pages(con, table, pages, load_id=context.run.run_id)
            total = con.execute(f"select count(*) from raw.{table}").fetchone()[0]
        context.log.info("%s: %d new record versions since %s", module, inserted, since)
        return dg.MaterializeResult(
            metadata={
                "modified_since": str(since),
                "rows_inserted": inserted,
                "api_calls": client.stats.api_calls,
                "dagster/row_count": total,
            }
        )

    return _asset


crm_leads = _crm_asset("crm_leads")
crm_calls = _crm_asset("crm_calls")

defs = dg.Definitions(assets=[crm_leads, crm_calls, web_events, email_events])
