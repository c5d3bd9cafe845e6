"""The ingest assets with the user's files and without a CRM; the CRM read asks for the
mapping's custom fields, which land in `_extra`."""

import json
import os

import dagster as dg
import duckdb
import pytest
import requests

from lead_scoring import settings
from lead_scoring.crm.sandbox import SandboxServer
from lead_scoring.defs.ingest.assets import crm_calls, crm_leads, email_events, web_events
from lead_scoring.defs.ingest.import_assets import import_activities, import_leads
from lead_scoring.defs.resources import Warehouse, ZohoCrm
from lead_scoring.defs.reverse_etl.assets import crm_lead_scores_sync
from tests.imports.conftest import MAPPING

LEADS_CSV = "Lead Number,Account,Email,Created,Converted,Employees,Channel,Opted In\n"
LEADS_CSV += "L1,A-1,a@example.com,2026-01-02,1,120,Web,yes\nL2,A-2,b@example.com,,0,x,Ads,no\n"
ACTIVITY = {"Event Id": "e1", "Account": "A-1", "Activity": "Demo", "When": "2026-01-03"}


def _relative(path) -> str:
    """LEAD_SCORING_PROFILE_DIR is given relative to dbt_project/, as dbt's seed-paths takes it."""
    return os.path.relpath(path, settings.DBT_PROJECT_DIR)


def _materialize(assets, warehouse, crm=None) -> dg.ExecuteInProcessResult:
    resources = {"warehouse": Warehouse(path=str(warehouse)), "crm": crm or ZohoCrm()}
    with dg.DagsterInstance.ephemeral() as instance:
        return dg.materialize(assets, resources=resources, instance=instance)


def _profile(tmp_path, mapping: str = MAPPING):
    profile = tmp_path / "profile"
    profile.mkdir()
    (profile / "lead_mapping.csv").write_text(mapping)
    return profile


def test_without_a_crm_the_files_land_and_no_crm_is_called(tmp_path, monkeypatch):
    leads, activities = tmp_path / "leads", tmp_path / "activities"
    leads.mkdir()
    activities.mkdir()
    (leads / "export.csv").write_text(LEADS_CSV)
    (activities / "events.jsonl.gz").write_bytes(__import__("gzip").compress(
        (json.dumps(ACTIVITY) + "\n").encode()))  # fmt: skip
    monkeypatch.setenv("LEAD_SCORING_CRM", "none")
    monkeypatch.setenv("LEAD_SCORING_WEB_EVENTS_DIR", "none")  # no web tracking either
    monkeypatch.setenv("LEAD_SCORING_EMAIL_EVENTS_DIR", "None")
    monkeypatch.setenv("LEAD_SCORING_PROFILE_DIR", _relative(_profile(tmp_path)))
    monkeypatch.setenv("LEAD_SCORING_IMPORT_LEADS_DIR", str(leads))
    monkeypatch.setenv("LEAD_SCORING_IMPORT_ACTIVITIES_DIR", str(activities))
    warehouse = tmp_path / "w.duckdb"

    with SandboxServer(tmp_path / "crm.sqlite") as sandbox:
        crm = ZohoCrm(api_domain=sandbox.base_url)
        assets = [crm_leads, crm_calls, web_events, email_events, import_leads, import_activities]
        assets.append(crm_lead_scores_sync)
        first = _materialize(assets, warehouse, crm)
        second = _materialize(assets, warehouse, crm)
        log = requests.get(f"{sandbox.base_url}/__sandbox/requests", timeout=10).json()

    assert first.success and second.success
    assert log["requests"] == []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        counts = con.execute(
            "select (select count(*) from raw.crm_leads), (select count(*) from raw.crm_calls), "
            "(select count(*) from raw.import_leads), (select count(*) from raw.import_activities),"
            " (select count(*) from raw._quarantine), (select count(*) from raw.web_events)"
        ).fetchone()
    assert counts == (0, 0, 1, 1, 1, 0)  # L2's Employees "x" is quarantined; nothing twice
    crm = first.asset_materializations_for_node("raw__crm_leads")[0]
    assert crm.metadata["source_off"].value == "LEAD_SCORING_CRM=none: no CRM is read"
    sync = first.asset_materializations_for_node("reverse_etl__crm_lead_scores")[0]
    assert sync.metadata["crm"].value == "none" and sync.metadata["sent"].value == 0


def test_unset_import_folders_land_nothing_and_leave_the_tables(tmp_path, monkeypatch):
    monkeypatch.delenv("LEAD_SCORING_IMPORT_LEADS_DIR", raising=False)
    monkeypatch.setenv("LEAD_SCORING_IMPORT_ACTIVITIES_DIR", str(tmp_path / "empty"))

    assert _materialize([import_leads, import_activities], tmp_path / "w.duckdb").success

    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        counts = con.execute(
            "select (select count(*) from raw.import_leads), "
            "(select count(*) from raw.import_activities)"
        ).fetchone()
    assert counts == (0, 0)


def test_the_crm_read_asks_for_the_mappings_custom_fields(tmp_path, monkeypatch):
    crm_dir = tmp_path / "crm"
    crm_dir.mkdir()
    lead = {"id": "900", "Last_Name": "Sato", "Email": "sato@example.com", "Lead_Channel": "Expo"}
    (crm_dir / "leads.jsonl").write_text(json.dumps(lead) + "\n")
    mapping = "entity,role,column,type,values\ncrm,field,Lead_Channel,text,\n"
    monkeypatch.setenv("LEAD_SCORING_PROFILE_DIR", _relative(_profile(tmp_path, mapping)))
    monkeypatch.delenv("LEAD_SCORING_CRM", raising=False)

    with SandboxServer(tmp_path / "crm.sqlite") as sandbox:
        sandbox.import_dir(crm_dir)
        result = _materialize(
            [crm_leads], tmp_path / "w.duckdb", ZohoCrm(api_domain=sandbox.base_url)
        )
        log = requests.get(f"{sandbox.base_url}/__sandbox/requests", timeout=10).json()

    assert result.success
    reads = [e["query"] for e in log["requests"] if e["path"] == "/crm/v8/Leads"]
    assert reads and all("Lead_Channel" in str(query) for query in reads)
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        extra = con.execute("select _extra->>'$.Lead_Channel' from raw.crm_leads").fetchall()
    assert extra == [("Expo",)]


def test_a_source_switched_off_is_named_and_its_suite_skipped(monkeypatch):
    from lead_scoring import settings
    from lead_scoring.defs.quality.checks import _source_off

    monkeypatch.setenv("LEAD_SCORING_CRM", "none")
    monkeypatch.setenv("LEAD_SCORING_WEB_EVENTS_DIR", "none")
    monkeypatch.delenv("LEAD_SCORING_EMAIL_EVENTS_DIR", raising=False)

    assert settings.web_events_dir() is None
    assert settings.source_off("email_events") is None
    assert _source_off(["raw", "crm_calls"]).startswith("LEAD_SCORING_CRM=none: no CRM is read")
    assert _source_off(["raw", "web_events"]).startswith("LEAD_SCORING_WEB_EVENTS_DIR=none")
    assert _source_off(["marts", "lead_scores"]) is None
    monkeypatch.setenv("LEAD_SCORING_CRM", "hubspot")
    with pytest.raises(settings.ConfigError, match="LEAD_SCORING_CRM='hubspot' is not usable"):
        settings.crm_kind()
