"""Raw-layer assets: CRM modules through the API, web and e-mail events from landing folders
(the user's imported files: `import_assets.py`). With LEAD_SCORING_CRM=none the CRM assets
read nothing and leave their (empty) tables for dbt.

A failure a user can fix (missing folder or setting, unreachable CRM, schema drift) ends the
step with one message naming what, where and the fix; records that break the source's
contract are quarantined and counted in the metadata instead.
"""

from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg

from lead_scoring import settings
from lead_scoring.defs.ingest.import_assets import import_activities, import_leads
from lead_scoring.defs.resources import Warehouse, ZohoCrm
from lead_scoring.imports.mapping import MappingError, crm_mapping_fields
from lead_scoring.ingest import credit_log
from lead_scoring.ingest.crm_reads import crm_pages
from lead_scoring.ingest.crm_records import (
    CRM_CONTRACTS,
    CRM_MODULES,
    lead_fields,
    load_crm_pages,
    modified_since,
)
from lead_scoring.ingest.errors import IngestError
from lead_scoring.ingest.landing_files import (
    EMAIL_EVENTS,
    WEB_EVENTS,
    LandingSource,
    load_landing_files,
)
from lead_scoring.ingest.load_log import LoadResult
from lead_scoring.ingest.warehouse import ensure_raw_schema
from lead_scoring.progress import report

OWNERS = ["team:data-engineering"]


def landed(table: str, result: LoadResult, unit: str) -> str:
    """The console line of one load: what was read, landed, skipped and quarantined."""
    skipped = f", {result.files_skipped:,} unchanged files skipped" if result.files_skipped else ""
    return (
        f"ingest raw/{table}: {result.sources:,} {unit} read{skipped}, "
        f"{result.rows_inserted:,} rows landed, {result.rows_quarantined:,} quarantined"
    )


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
        owners=OWNERS,
        tags={"source": source.table.split("_")[0]},
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
        with user_errors():
            folder_or_off = folder_setting()
        if folder_or_off is None:
            off = _source_off(context, warehouse, source.table)
            return dg.MaterializeResult(
                metadata=off.metadata,
                check_results=[_unread_files_check(source, LoadResult())],  # nothing to read
            )
        folder = Path(folder_or_off)
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
        report(context, landed(source.table, result, "files"))
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


def _source_off(context, warehouse: Warehouse, table: str) -> dg.MaterializeResult:
    """A source switched off (LEAD_SCORING_CRM=none, a landing folder set to none): nothing is
    read; the table exists (empty, or as earlier loads left it) for dbt's sources."""
    with warehouse.connect() as con:
        ensure_raw_schema(con)
        total = con.execute(f"select count(*) from raw.{table}").fetchone()[0]
    off = settings.source_off(table)
    context.log.info("%s; raw.%s keeps %d rows", off, table, total)
    return dg.MaterializeResult(metadata={"source_off": off, "dagster/row_count": total})


def _fields(table: str) -> list[str]:
    module, fields = CRM_MODULES[table]
    if table != "crm_leads":
        return list(fields)
    try:
        return lead_fields(crm_mapping_fields(settings.lead_mapping_path()))
    except MappingError as err:
        raise dg.Failure(description=f"CRM fields from the mapping: {err}") from err


def _crm_asset(table: str):
    module, _ = CRM_MODULES[table]

    @dg.asset(
        key=["raw", table],
        group_name="ingest",
        kinds={"duckdb", "zoho"},
        owners=OWNERS,
        tags={"source": "crm"},
        description=f"Zoho CRM {module} record versions, read incrementally by Modified_Time "
        "(Bulk Read API for the first load and big deltas); echoes of our own writes skipped.",
    )
    def _asset(
        context: dg.AssetExecutionContext, warehouse: Warehouse, crm: ZohoCrm
    ) -> dg.MaterializeResult:
        with user_errors():
            if settings.source_off(table):
                return _source_off(context, warehouse, table)
        fields = _fields(table)
        with _crm_client(crm) as client, user_errors(), warehouse.connect() as con:
            ensure_raw_schema(con)
            budget = client.settings.daily_credit_budget
            client.credits.allowance = credit_log.allowance(con, budget)
            since, started = modified_since(con, table), datetime.now(UTC)
            pages = crm_pages(client, CRM_CONTRACTS[table], module, list(fields), since)
            where = f"Zoho CRM {module} at {client.settings.api_domain}"
            try:
                result = load_crm_pages(
                    con, table, pages, context.run.run_id, where=where, read_started=started
                )
            finally:  # credits spent count against the budget even when the load failed
                credit_log.record(con, context.run.run_id, f"ingest {table}", client.credits.used)
            total = con.execute(f"select count(*) from raw.{table}").fetchone()[0]
        since_text = f"changed since {since}" if since else "first load"
        report(context, landed(table, result, "pages") + f" ({since_text})")
        return dg.MaterializeResult(
            metadata=_metadata(
                result,
                total,
                modified_since=str(since),
                api_calls=client.stats.api_calls,
                api_credits=client.credits.used,
            )
        )

    return _asset


crm_leads = _crm_asset("crm_leads")
crm_calls = _crm_asset("crm_calls")

defs = dg.Definitions(
    assets=[crm_leads, crm_calls, web_events, email_events, import_leads, import_activities]
)
