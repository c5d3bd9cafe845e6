"""Reverse ETL to the CRM: changed scores onto Zoho Leads, hand-off tags and follow-up tasks."""

import dagster as dg

from lead_scoring import settings
from lead_scoring.defs.resources import Warehouse, ZohoCrm
from lead_scoring.reverse_etl.notify import webhook_from_env
from lead_scoring.reverse_etl.sync import preview, run_sync

JSON_KEYS = ("rejections", "preview", "handoff_preview")


class CrmSyncConfig(dg.Config):
    dry_run: bool = False  # compute and show what would be sent; send nothing


@dg.asset(
    key=["reverse_etl", "crm_lead_scores"],
    group_name="reverse_etl",
    kinds={"zoho"},
    deps=[
        ["marts", "sync_crm__lead_scores"],
        ["marts", "lead_scores"],
        ["marts", "lead_qualification"],  # its blocking check gates the stage we send
        ["staging", "stg_zoho__leads"],
        ["publish", "bi_snapshot"],  # BI first: a failed publish means no CRM write either
    ],
    description="Lead_Score, Attribute_Score, Behavior_Score, Lead_Tier, Lifecycle_Stage, "
    "Score_Reasons and Scored_At upserted onto each Zoho lead whose payload changed; on "
    "hand-off the Priority tag and one follow-up task for the lead owner. Every attempt is "
    "in reverse_etl.crm_sync_ledger, every hand-off in reverse_etl.crm_handoffs.",
)
def crm_lead_scores_sync(
    context: dg.AssetExecutionContext, config: CrmSyncConfig, warehouse: Warehouse, crm: ZohoCrm
) -> dg.MaterializeResult:
    timezone = settings.schedule_timezone()
    with warehouse.connect() as con:
        if config.dry_run:
            summary = preview(con, timezone=timezone)
            context.log.info(
                "dry run: %d leads would be sent (%d retries), %d unchanged, %d new hand-offs",
                summary["would_send"],
                summary["would_retry"],
                summary["skipped_unchanged"],
                summary["new_handoffs"],
            )
            return dg.MaterializeResult(metadata=_metadata(summary))
        webhook = webhook_from_env()
        with crm.client() as client:
            summary = run_sync(con, client, context.run.run_id, timezone=timezone, webhook=webhook)
    _log(context, summary)
    if summary["failed_batches"]:
        raise dg.Failure(
            f"CRM sync: {summary['failed_batches']} batch(es) failed after retries; their "
            "records are in reverse_etl.crm_sync_ledger and will be sent again on the next run.",
            metadata=_metadata(summary),
        )
    return dg.MaterializeResult(metadata=_metadata(summary))


def _log(context: dg.AssetExecutionContext, summary: dict) -> None:
    context.log.info(
        "CRM sync: %d sent, %d accepted, %d rejected, %d retried, %d unchanged, %d API calls "
        "(%.1f/s); hand-offs: %d new, %d tasks created, %d still open",
        summary["sent"],
        summary["accepted"],
        summary["rejected"],
        summary["retried"],
        summary["skipped_unchanged"],
        summary["api_calls"],
        summary["api_calls_per_second"],
        summary["handoffs_new"],
        summary["handoffs_tasks_created"],
        summary["handoffs_open"],
    )
    if summary["notify_error"]:
        context.log.warning("hand-off notification not sent: %s", summary["notify_error"])


def _metadata(summary: dict) -> dict:
    return {
        key: dg.MetadataValue.json(value) if key in JSON_KEYS else value
        for key, value in summary.items()
        if value is not None
    }


defs = dg.Definitions(assets=[crm_lead_scores_sync])
