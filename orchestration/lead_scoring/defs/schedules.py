"""The nightly job (every asset but the by-hand `tuning` group, in one process) and its
schedule."""

import dagster as dg

from lead_scoring import settings

nightly_job = dg.define_asset_job(
    name="nightly_lead_scoring",
    # fitting points is a proposal an engineer asks for, never a nightly step
    selection=dg.AssetSelection.all() - dg.AssetSelection.groups("tuning"),
    description="Ingest, build and test the score models, check quality, sync to the CRM.",
)


def build_schedule_defs() -> dg.Definitions:
    """The nightly schedule at LEAD_SCORING_SCHEDULE_CRON in LEAD_SCORING_TIMEZONE (both
    validated by the settings model, so a bad value is named, not a Dagster traceback)."""
    nightly_schedule = dg.ScheduleDefinition(
        name="nightly_lead_scoring_schedule",
        job=nightly_job,
        cron_schedule=settings.schedule_cron(),
        execution_timezone=settings.schedule_timezone(),
        default_status=dg.DefaultScheduleStatus.RUNNING,
    )
    return dg.Definitions(jobs=[nightly_job], schedules=[nightly_schedule])
