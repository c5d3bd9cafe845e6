"""Raw-layer assets: CRM modules through the API, web and e-mail events from landing folders.

A failure a user can fix (missing folder or setting, unreachable CRM, schema drift) ends the
step with one message naming what, where and the fix; records that break the source's
contract are quarantined and counted in the metadata instead.
"""

from contextlib import contextmanager
from pathlib import Path

import dagster as dg

from lead_scoring import settings
from lead_scoring.defs.resources import Warehouse, ZohoCrm
from lead_scoring.ingest.crm_records import CRM_MODULES, load_crm_pages, modified_since
from lead_scoring.ingest.errors import IngestError
from lead_scoring.ingest.landing_files import (
    EMAIL_EVENTS,
    WEB_EVENTS,
    LandingSource,
    load_landing_files,
)
from lead_scoring.ingest.load_log import LoadResult
from lead_scoring.ingest.warehouse import ensure_raw_schema


@contextmanager
def user_errors():
    """Errors a user can fix become a Failure whose description is the whole message."""
    try:
        yield
    except (IngestError, settings.ConfigError) as err:
        raise dg.Failure(description=str(err)) from err


def _metadata(result: LoadResult, total: int, **extra) -> dict:
    return {
        **{k: v for k, v in result.metadata().items() if not isinstance(v, list)},
        "new_fields": dg.MetadataValue.json(result.new_fields),
        "empty_sources": dg.MetadataValue.json(result.empty_sources),
        "unread_files": dg.MetadataValue.json(result.unread_files),
        "files_waiting": dg.MetadataValue.json(result.files_waiting),
        "dagster/row_count": total,
        **extra,
    }


def _unread_files_check(source: LandingSource, result: LoadResult) -> dg.AssetCheckResult:
    """A warning, never blocking: a file the rule does not read may hold events someone meant
    to load; the operator renames it, moves it, or lets it be."""
    return dg.AssetCheckResult(
        check_name="landing_files_all_read",
        passed=not result.unread_files,
        severity=dg.AssetCheckSeverity.WARN,
        description=f"{len(result.unread_files)} file(s) not read: the source reads "
        f"{source.rule.describe()}",
        metadata={"unread_files": dg.MetadataValue.json(result.unread_files)},
    )


def _landing_asset(source: LandingSource, folder_setting, variable: str, description: str):
    @dg.asset(
        key=["raw", source.table],
        group_name="ingest",
        kinds={"duckdb", "json"},
        description=description,
        check_specs=[
            dg.AssetCheckSpec(
                "landing_files_all_read",
                asset=["raw", source.table],
                description="Every file in the landing folder is one the source reads (warning).",
            )
        ],
    )
    def _asset(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
        folder = Path(folder_setting())
        if not folder.is_dir():
            raise dg.Failure(
                description=f"{source.table}: landing folder {folder} does not exist ({variable})."
                f" Set {variable} to the folder the files land in, or run "
                "`lead-scoring generate` for sample data."
            )
        with user_errors(), warehouse.connect() as con:
            ensure_raw_schema(con)
            result = load_landing_files(con, source, folder, load_id=context.run.run_id)
            total = con.execute(f"select count(*) from raw.{source.table}").fetchone()[0]
        for path in result.unread_files:
            context.log.warning(f"{source.table}: {path} is not read ({source.rule.describe()})")
        return dg.MaterializeResult(
            metadata=_metadata(result, total, landing_folder=str(folder)),
            check_results=[_unread_files_check(source, result)],
        )

    return _asset


web_events = _landing_asset(
    WEB_EVENTS,
    settings.web_events_dir,
    "LEAD_SCORING_WEB_EVENTS_DIR",
    "Segment page/track/identify events, one row per messageId, from JSON-lines files.",
)
email_events = _landing_asset(
    EMAIL_EVENTS,
    settings.email_events_dir,
    "LEAD_SCORING_EMAIL_EVENTS_DIR",
    "SendGrid event-webhook events, one row per sg_event_id, from webhook batch files.",
)


def _crm_client(crm: ZohoCrm):
    try:
        return crm.client()
    except ValueError as err:  # a missing or malformed LEAD_SCORING_CRM_* variable
        raise dg.Failure(
            description=f"CRM settings: {err}. Set it in the environment or .env (see "
            ".env.example); leave LEAD_SCORING_CRM_API_DOMAIN empty to use the local sandbox."
        ) from err


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
        with _crm_client(crm) as client, user_errors(), warehouse.connect() as con:
            ensure_raw_schema(con)
            since = modified_since(con, table)
            pages = (
                (page.source, page.records)
                for page in client.iter_pages(module, list(fields), modified_since=since)
            )
            where = f"Zoho CRM {module} at {client.settings.api_domain}"
            result = load_crm_pages(con, table, pages, context.run.run_id, where=where)
            total = con.execute(f"select count(*) from raw.{table}").fetchone()[0]
        context.log.info("%s: %d new record versions since %s", module, result.rows_inserted, since)
        return dg.MaterializeResult(
            metadata=_metadata(
                result, total, modified_since=str(since), api_calls=client.stats.api_calls
            )
        )

    return _asset


crm_leads = _crm_asset("crm_leads")
crm_calls = _crm_asset("crm_calls")

defs = dg.Definitions(assets=[crm_leads, crm_calls, web_events, email_events])
