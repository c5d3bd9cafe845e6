"""The Dagster code location: merges each domain's definitions; defines nothing itself.

Nothing happens at import: Dagster calls `defs` when it loads the location, and only then are
the settings read, dbt's manifest opened and the assets built (`build_defs`, cached, is what
tests and `lead-scoring run` use).
"""

from functools import cache

import dagster as dg


@cache
def build_defs() -> dg.Definitions:
    from lead_scoring.defs import resources, schedules, sensors
    from lead_scoring.defs.dbt.assets import build_dbt_defs
    from lead_scoring.defs.ingest import assets as ingest_assets
    from lead_scoring.defs.ingest import deleted_records
    from lead_scoring.defs.publish.assets import build_publish_defs
    from lead_scoring.defs.quality.checks import build_quality_defs
    from lead_scoring.defs.report import assets as report_assets
    from lead_scoring.defs.reverse_etl import assets as reverse_etl_assets
    from lead_scoring.defs.tuning import assets as tuning_assets

    dbt_defs = build_dbt_defs()
    dbt_keys = {key for asset in dbt_defs.assets for key in asset.keys}
    ingest_defs = dg.Definitions.merge(ingest_assets.defs, deleted_records.defs)
    ingest_keys = {key for asset in ingest_defs.assets for key in asset.keys}
    return dg.Definitions.merge(
        resources.defs,
        ingest_defs,
        dbt_defs,
        build_quality_defs(dbt_keys | ingest_keys),
        build_publish_defs(dbt_keys),
        reverse_etl_assets.defs,
        report_assets.defs,
        tuning_assets.defs,
        schedules.build_schedule_defs(),
        sensors.defs,
        dg.Definitions(executor=dg.in_process_executor),  # 2 cores: one process, steps in order
    )


@dg.definitions
def defs() -> dg.Definitions:
    return build_defs()
