"""Reverse ETL to the CRM: changed scores onto Zoho Leads, hand-off tags and follow-up tasks."""

import dagster as dg

from lead_scoring import settings
from lead_scoring.crm import CrmCreditBudgetExceeded
from lead_scoring.defs.resources import Warehouse, ZohoCrm
from lead_scoring.ingest import credit_log
from lead_scoring.progress import Every, report
from lead_scoring.reverse_etl.notify import webhook_from_env
from lead_scoring.reverse_etl.sync import preview, run_sync

JSON_KEYS = ("rejections", "preview", "handoff_preview")


class CrmSyncConfig(dg.Config):
    dry_run: bool = False  # compute and show what would be sent; send nothing


@dg.asset(
    key=["reverse_etl", "crm_lead_scores"],
    group_name="reverse_etl",
    kinds={"zoho"},
    owners=["team:marketing-ops"],
    tags={"consumer": "crm"},
    deps=[
        ["marts", "sync_crm__lead_scores"],
        ["marts", "lead_scores"],
        ["marts", "lead_qualification"],  # its blocking check gates the stage we send
        ["staging", "stg_zoho__leads"],
        ["publish", "bi_snapshot"],  # BI first: a failed publish means no CRM write either
    ],
    description="Lead_Score, Attribute_Score, Behavior_Score, Lead_Tier, Lifecycle_Stage, "
    "Score_Reasons and Scored_At updated by id on each Zoho lead whose payload changed; on "
    "hand-off the Priority tag and one follow-up task for the lead owner. Every attempt is "
    "in reverse_etl.crm_sync_ledger, every hand-off in reverse_etl.crm_handoffs.",
)
def crm_lead_scores_sync(
    context: dg.AssetExecutionContext, config: CrmSyncConfig, warehouse: Warehouse, crm: ZohoCrm
) -> dg.MaterializeResult:
    if _crm_kind() == "none":
        context.log.info(
            "LEAD_SCORING_CRM=none: no CRM to write to; nothing sent. The scores are in the "
            "export (publish/lead_scores_export) and the BI snapshot."
        )
        return dg.MaterializeResult(metadata={"crm": "none", "sent": 0, "api_calls": 0})
    timezone = settings.schedule_timezone()
    with warehouse.connect() as con:
        if settings.current().engine == "spark":
            _stage_from_spark(context, con)
        if config.dry_run:
            summary = preview(con, timezone=timezone)
            report(
                context,
                "CRM sync (dry run): {would_send:,} leads would be sent ({would_retry:,} "
                "retries), {skipped_unchanged:,} unchanged, {new_handoffs:,} new "
                "hand-offs".format(**summary),
            )
            return dg.MaterializeResult(metadata=_metadata(summary))
        webhook = webhook_from_env()
        with crm.client() as client:
            budget = client.settings.daily_credit_budget
            client.credits.allowance = credit_log.allowance(con, budget)
            try:
                summary = run_sync(
                    con,
                    client,
                    context.run.run_id,
                    timezone=timezone,
                    webhook=webhook,
                    on_batch=batch_progress(context, client),
                )
            except CrmCreditBudgetExceeded as err:
                raise dg.Failure(description=f"CRM sync: {err}") from err
            finally:  # credits spent count against the budget even when the sync stopped
                credit_log.record(con, context.run.run_id, "reverse_etl", client.credits.used)
    _log(context, summary)
    if summary["failed_batches"]:
        raise dg.Failure(
            f"CRM sync: {summary['failed_batches']} batch(es) failed after retries; their "
            "records are in reverse_etl.crm_sync_ledger and will be sent again on the next run.",
            metadata=_metadata(summary),
        )
    return dg.MaterializeResult(metadata=_metadata(summary))


def _stage_from_spark(context: dg.AssetExecutionContext, con) -> None:
    """LEAD_SCORING_ENGINE=spark: the payloads dbt built on Spark, into the warehouse where the
    ledger is (reverse_etl/spark_inputs.py)."""
    from lead_scoring.reverse_etl.spark_inputs import stage_sync_inputs
    from lead_scoring.spark.session import spark_session

    try:
        copied = stage_sync_inputs(spark_session(), con)
    except (ValueError, settings.ConfigError) as err:
        raise dg.Failure(description=f"CRM sync: {err}") from err
    report(
        context, "CRM sync: read from Spark " + ", ".join(f"{n} {r:,}" for n, r in copied.items())
    )


def _crm_kind() -> str:
    try:
        return settings.crm_kind()
    except settings.ConfigError as err:
        raise dg.Failure(description=str(err)) from err


def _log(context: dg.AssetExecutionContext, summary: dict) -> None:
    report(
        context,
        "CRM sync: {sent:,} sent, {accepted:,} accepted, {rejected:,} rejected, {retried:,} "
        "retried, {skipped_unchanged:,} unchanged, {api_calls:,} API calls "
        "({api_calls_per_second:.1f}/s); hand-offs: {handoffs_new:,} new, "
        "{handoffs_tasks_created:,} tasks created, {handoffs_open:,} still open".format(**summary),
    )
    if summary["notify_error"]:
        context.log.warning("hand-off notification not sent: %s", summary["notify_error"])


def batch_progress(context: dg.AssetExecutionContext, client):
    """A callback for the score upserts: a line at each quarter of the batches, with the rate."""
    every = None

    def on_batch(done: int, total: int) -> None:
        nonlocal every
        every = every or Every(total)
        if every.crossed(done):
            rate = client.metrics.snapshot()["calls_per_second"]
            report(context, f"CRM sync: {done:,} of {total:,} batches sent ({rate:.1f} calls/s)")

    return on_batch


def _metadata(summary: dict) -> dict:
    return {
        key: dg.MetadataValue.json(value) if key in JSON_KEYS else value
        for key, value in summary.items()
        if value is not None
    }


defs = dg.Definitions(assets=[crm_lead_scores_sync])
