"""Posts a line to the notification webhook (LEAD_SCORING_SLACK_WEBHOOK_URL) when a run fails,
so a failed night is seen before the reps notice stale scores. Nothing when the URL is unset."""

import dagster as dg

from lead_scoring.reverse_etl.notify import NotificationError, webhook_from_env

MAX_CHARS = 500


def failure_message(job_name: str, run_id: str, reason: str) -> dict:
    reason = " ".join(reason.split())[:MAX_CHARS] or "no reason given"
    return {"text": f"*Lead scoring run failed*: job {job_name}, run {run_id[:8]}: {reason}"}


def step_reasons(context: dg.RunFailureSensorContext) -> list[str]:
    """Each failed step and its Failure description (or the error's first line)."""
    reasons = []
    for event in context.get_step_failure_events():
        data = event.step_failure_data
        user = data.user_failure_data
        text = (user.description if user else None) or data.error.message
        reasons.append(f"{event.step_key}: {text.strip().splitlines()[0]}")
    return reasons


@dg.run_failure_sensor(
    name="notify_run_failure",
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Posts each failed run to LEAD_SCORING_SLACK_WEBHOOK_URL (when set).",
)
def notify_run_failure(context: dg.RunFailureSensorContext):
    webhook = webhook_from_env()
    if webhook is None:
        return dg.SkipReason("LEAD_SCORING_SLACK_WEBHOOK_URL is unset: notifications off")
    run = context.dagster_run
    reason = "; ".join(step_reasons(context)) or context.failure_event.message or ""
    try:
        webhook.post(failure_message(run.job_name, run.run_id, reason))
    except NotificationError as err:
        context.log.warning("run-failure notification not sent: %s", err)
    return None
