"""The Dagster code location: merges each domain's definitions; defines nothing itself."""

import dagster as dg

from lead_scoring.defs import resources, schedules
from lead_scoring.defs.dbt import assets as dbt_assets
from lead_scoring.defs.ingest import assets as ingest_assets
from lead_scoring.defs.ingest import deleted_records
from lead_scoring.defs.publish import assets as publish_assets
from lead_scoring.defs.quality import checks as quality_checks
from lead_scoring.defs.reverse_etl import assets as reverse_etl_assets

defs = dg.Definitions.merge(
    resources.defs,
    ingest_assets.defs,
    deleted_records.defs,
    dbt_assets.defs,
    quality_checks.defs,
    publish_assets.defs,
    reverse_etl_assets.defs,
    schedules.defs,
    dg.Definitions(executor=dg.in_process_executor),  # 2 cores: one process, steps in order
)
