"""The Dagster asset alone on a prepared warehouse: dry run, run summary, and no secret in
logs, ledger rows, error messages or metadata."""

import logging

import dagster as dg
import pytest

from lead_scoring.crm.auth import TokenManager
from lead_scoring.defs.resources import Warehouse, ZohoCrm
from lead_scoring.defs.reverse_etl.assets import crm_lead_scores_sync
from tests.crm.helpers import lead
from tests.reverse_etl.conftest import LEADS
from tests.reverse_etl.helpers import calls, query, update_payload

CLIENT_SECRET = "cs-9f8e7d6c5b4a-secret"
REFRESH_TOKEN = "1000.rt-0a1b2c3d4e5f.secret"
WEBHOOK_SECRET = "/services/T1/B2/wh00kS3cretValue"
TABLES = ("reverse_etl.crm_sync_ledger", "reverse_etl.crm_handoffs")


@pytest.fixture
def crm_env(monkeypatch, sandbox):
    for name, value in {
        "LEAD_SCORING_CRM_API_DOMAIN": sandbox.base_url,
        "LEAD_SCORING_CRM_TIMEOUT_SECONDS": "5",
        "LEAD_SCORING_TIMEZONE": "Asia/Tokyo",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("LEAD_SCORING_SLACK_WEBHOOK_URL", raising=False)


def _materialize(warehouse, dry_run: bool = False, instance=None):
    if instance is None:
        with dg.DagsterInstance.ephemeral() as instance:  # disposed here, not by the GC
            return _materialize(warehouse, dry_run, instance)
    return dg.materialize(
        [crm_lead_scores_sync],
        resources={"warehouse": Warehouse(path=str(warehouse)), "crm": ZohoCrm()},
        run_config={"ops": {"reverse_etl__crm_lead_scores": {"config": {"dry_run": dry_run}}}},
        instance=instance,
        raise_on_error=False,
    )


def _metadata(result) -> dict:
    (event,) = result.get_asset_materialization_events()
    metadata = event.step_materialization_data.materialization.metadata
    return {key: value.value for key, value in metadata.items()}


def test_a_dry_run_shows_what_would_be_sent_and_sends_nothing(sandbox, warehouse, crm_env):
    result = _materialize(warehouse, dry_run=True)

    assert result.success
    metadata = _metadata(result)
    assert (metadata["would_send"], metadata["skipped_unchanged"]) == (LEADS, 0)
    assert (metadata["new_handoffs"], metadata["open_handoffs"]) == (LEADS // 5, 0)
    assert metadata["preview"][0] == {
        "id": lead(0)["id"],
        "Lead_Score": 75,
        "Attribute_Score": 40,
        "Behavior_Score": 35,
        "Lead_Tier": "Hot",
        "Lifecycle_Stage": "sales_ready",
        "Score_Reasons": "Title: department head +40; Price list download +35",
        "Scored_At": "2026-11-20T03:00:00+00:00",
    }
    assert metadata["handoff_preview"][0]["Due_Date"] == "2026-11-20"
    assert calls(sandbox) == []
    assert [query(warehouse, f"select count(*) from {t}") for t in TABLES] == [[(0,)]] * 2


def test_a_run_reports_its_summary_in_the_metadata(sandbox, warehouse, crm_env):
    update_payload(warehouse, "set lead_tier = 'Tepid' where lead_id = ?", [lead(1)["id"]])
    first = _metadata(_materialize(warehouse))
    update_payload(warehouse, "set lead_tier = 'Cold' where lead_id = ?", [lead(1)["id"]])
    second = _metadata(_materialize(warehouse))

    assert {k: first[k] for k in ("sent", "accepted", "rejected", "retried", "skipped_unchanged")} \
        == {"sent": LEADS, "accepted": LEADS - 1, "rejected": 1, "retried": 0,
            "skipped_unchanged": 0}  # fmt: skip
    assert first["api_calls"] == 3 + 1 + 1  # score updates, one add_tags, one Tasks create
    assert first["rejections"][0]["lead_id"] == lead(1)["id"]
    assert (second["sent"], second["retried"], second["skipped_unchanged"]) == (1, 1, LEADS - 1)
    assert second["api_calls"] == 1 and second["handoffs_new"] == 0


def test_no_secret_in_logs_ledger_errors_or_metadata(start_sandbox, warehouse, monkeypatch, caplog):
    sandbox = start_sandbox(leads=LEADS, client_secret=CLIENT_SECRET,
                            refresh_token=REFRESH_TOKEN, poison_text="Poison")  # fmt: skip
    for name, value in {
        "LEAD_SCORING_CRM_API_DOMAIN": sandbox.base_url,
        "LEAD_SCORING_CRM_CLIENT_SECRET": CLIENT_SECRET,
        "LEAD_SCORING_CRM_REFRESH_TOKEN": REFRESH_TOKEN,
        "LEAD_SCORING_SLACK_WEBHOOK_URL": f"http://127.0.0.1:9{WEBHOOK_SECRET}",  # refused
    }.items():
        monkeypatch.setenv(name, value)
    tokens = []
    real_token = TokenManager.token
    monkeypatch.setattr(
        TokenManager, "token", lambda self: tokens.append(real_token(self)) or tokens[-1]
    )
    update_payload(warehouse, "set score_reasons = 'Poison' where lead_id = ?", [lead(5)["id"]])
    caplog.set_level(logging.DEBUG)

    with dg.DagsterInstance.ephemeral() as instance:
        result = _materialize(warehouse, instance=instance)
        logs = [str(record) for record in instance.all_logs(result.run_id)]

    assert not result.success and tokens  # a failed batch fails the asset; tokens were used
    failure = result.get_step_failure_events()[0].step_failure_data.error
    texts = [caplog.text, failure.to_string(), str(result.all_events), *logs]
    texts += [str(query(warehouse, f"select * from {table}")) for table in TABLES]
    assert "refused at lead" not in failure.to_string()  # the error names the ledger instead
    for secret in (CLIENT_SECRET, REFRESH_TOKEN, WEBHOOK_SECRET, *set(tokens)):
        assert not [text for text in texts if secret in text], secret
    assert any("hand-off notification not sent: Slack webhook: no answer" in t for t in texts)
