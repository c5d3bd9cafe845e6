"""Failures a user causes at ingest end the step with one message: what, where, how to fix."""

import dagster as dg
import pytest

from lead_scoring.defs.ingest.assets import crm_leads, web_events
from lead_scoring.defs.resources import Warehouse, ZohoCrm


def _failure(asset, tmp_path) -> str:
    with dg.DagsterInstance.ephemeral() as instance:
        result = dg.materialize(
            [asset],
            resources={"warehouse": Warehouse(path=str(tmp_path / "w.duckdb")), "crm": ZohoCrm()},
            instance=instance,
            raise_on_error=False,
        )
    assert not result.success
    (failure,) = [e for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    return failure.step_failure_data.user_failure_data.description


def test_missing_crm_credentials_name_the_variable_and_the_fix(tmp_path, monkeypatch):
    monkeypatch.setenv("LEAD_SCORING_CRM_API_DOMAIN", "https://www.zohoapis.com")
    for name in ("CLIENT_ID", "CLIENT_SECRET", "REFRESH_TOKEN"):
        monkeypatch.delenv(f"LEAD_SCORING_CRM_{name}", raising=False)
    message = _failure(crm_leads, tmp_path)
    assert message.startswith("LEAD_SCORING_CRM_CLIENT_ID is required for https://www.zohoapis.com")
    assert "e.g. LEAD_SCORING_CRM_CLIENT_ID=1000.ABCDEF" in message


def test_an_unreachable_crm_names_the_address(tmp_path, monkeypatch):
    monkeypatch.setenv("LEAD_SCORING_CRM_API_DOMAIN", "http://127.0.0.1:9")
    monkeypatch.setenv("LEAD_SCORING_CRM_MAX_RETRIES", "0")
    message = _failure(crm_leads, tmp_path)
    assert "crm_leads: reading the CRM failed after 0 page(s)" in message
    assert "(Zoho CRM Leads at http://127.0.0.1:9)" in message


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("LEAD_SCORING_WEB_EVENTS_DIR", "missing-folder", "landing folder"),
        ("LEAD_SCORING_MAX_RECORD_BYTES", "a lot", "LEAD_SCORING_MAX_RECORD_BYTES='a lot' is not"),
    ],
)
def test_a_bad_setting_names_itself(variable, value, expected, tmp_path, monkeypatch):
    (tmp_path / "web").mkdir()
    monkeypatch.setenv("LEAD_SCORING_WEB_EVENTS_DIR", str(tmp_path / "web"))
    (tmp_path / "web" / "2026-11-20.jsonl").write_text('{"messageId": "m1"}\n')
    monkeypatch.setenv(variable, str(tmp_path / value) if variable.endswith("_DIR") else value)
    message = _failure(web_events, tmp_path)
    assert expected in message
    assert variable in message
