"""A failed run is posted to the notification webhook, in words; nothing without the URL."""

import dagster as dg

from lead_scoring.defs.failure_sensor import notify_run_failure
from tests.reverse_etl.test_notify import SECRET_PATH, receiver  # noqa: F401 - fixture


@dg.op
def breaks():
    raise dg.Failure(description="landing folder /data/web does not exist")


@dg.job
def broken_job():
    breaks()


def failure_context(instance: dg.DagsterInstance):
    result = broken_job.execute_in_process(instance=instance, raise_on_error=False)
    run = instance.get_run_by_id(result.run_id)
    [entry] = instance.all_logs(result.run_id, of_type=dg.DagsterEventType.RUN_FAILURE)
    failure = entry.dagster_event
    return dg.build_run_status_sensor_context(
        sensor_name="notify_run_failure",
        dagster_event=failure,
        dagster_instance=instance,
        dagster_run=run,
    ).for_run_failure()


def test_a_failed_run_is_posted(receiver, monkeypatch):  # noqa: F811
    monkeypatch.setenv("LEAD_SCORING_SLACK_WEBHOOK_URL", receiver.url)
    with dg.DagsterInstance.ephemeral() as instance:
        notify_run_failure(failure_context(instance))
    [(path, body)] = receiver.received
    assert path == SECRET_PATH
    assert body["text"].startswith("*Lead scoring run failed*: job broken_job, run ")
    assert body["text"].endswith(": breaks: landing folder /data/web does not exist")


def test_no_url_no_post(receiver, monkeypatch):  # noqa: F811
    monkeypatch.delenv("LEAD_SCORING_SLACK_WEBHOOK_URL", raising=False)
    with dg.DagsterInstance.ephemeral() as instance:
        outcome = notify_run_failure(failure_context(instance))
    assert isinstance(outcome, dg.SkipReason) and receiver.received == []
