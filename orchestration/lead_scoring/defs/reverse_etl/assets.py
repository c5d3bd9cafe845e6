"""Reverse ETL to the CRM: changed scores, tiers and reasons upserted onto Zoho Leads."""

import dagster as dg

from lead_scoring.defs.resources import Warehouse, ZohoCrm
from lead_scoring.reverse_etl.score_sync import changed_payloads, send_payloads


class CrmSyncConfig(dg.Config):
    dry_run: bool = False  # compute and show what would be sent; send nothing


@dg.asset(
    key=["reverse_etl", "crm_lead_scores"],
    group_name="reverse_etl",
    kinds={"zoho"},
    deps=[["marts", "sync_crm__lead_scores"], ["marts", "lead_scores"]],
    description="Lead_Score, Attribute_Score, Behavior_Score, Lead_Tier, Lifecycle_Stage, "
    "Score_Reasons and Scored_At upserted onto each Zoho lead whose payload changed; every "
    "attempt recorded in reverse_etl.crm_sync_ledger.",
)
def crm_lead_scores_sync(
    context: dg.AssetExecutionContext, config: CrmSyncConfig, warehouse: Warehouse, crm: ZohoCrm
) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        rows, unchanged = changed_payloads(con)
        if config.dry_run:
            context.log.info("dry run: %d leads would be sent, %d unchanged", len(rows), unchanged)
            return dg.MaterializeResult(
                metadata={
                    "dry_run": True,
                    "would_send": len(rows),
                    "skipped_unchanged": unchanged,
                    "preview": dg.MetadataValue.json(rows[:20]),
                }
            )
        with crm.client() as client:
            summary = send_payloads(con, client, rows, run_id=context.run.run_id)
            calls = client.stats.snapshot()
    summary.unchanged = unchanged
    context.log.info(
        "CRM sync: %d sent, %d accepted, %d rejected, %d unchanged, %d API calls",
        summary.sent, summary.accepted, summary.rejected, unchanged, calls["api_calls"],
    )  # fmt: skip
    if summary.failed_batches:
        raise dg.Failure(
            f"CRM sync: {summary.failed_batches} batch(es) failed after retries; their records "
            "are in reverse_etl.crm_sync_ledger and will be sent again on the next run.",
            metadata={"sample": dg.MetadataValue.json(summary.rejections)},
        )
    return dg.MaterializeResult(
        metadata={
            "sent": summary.sent,
            "accepted": summary.accepted,
            "rejected": summary.rejected,
            "skipped_unchanged": unchanged,
            "api_calls": calls["api_calls"],
            "retries": calls["retries"],
            "throttled": calls["throttled"],
            "rejections": dg.MetadataValue.json(summary.rejections),
        }
    )


defs = dg.Definitions(assets=[crm_lead_scores_sync])
