"""The nightly job (every asset, in one process) and its schedule."""

import dagster as dg

from lead_scoring import settings

nightly_job = dg.define_asset_job(
    name="nightly_lead_scoring",
    selection=dg.AssetSelection.all(),
    description="Ingest, build and test the score models, check quality, sync to the CRM.",
)

nightly_schedule = dg.ScheduleDefinition(
    name="nightly_lead_scoring_schedule",
    job=nightly_job,
    cron_schedule=settings.schedule_cron(),
    execution_timezone=settings.schedule_timezone(),
    default_status=dg.DefaultScheduleStatus.RUNNING,
)

defs = dg.Definitions(jobs=[nightly_job], schedules=[nightly_schedule])
