"""The real graph on generated data: `lead-scoring run --dry-run` sends nothing, then a run sends
every score in ceil(N/100) updates by id and hands sales-ready leads to their owners."""

import json
import math
import os
from unittest import mock

import dagster as dg
import pytest

from lead_scoring import cli
from tests.e2e.conftest import pipeline_on
from tests.reverse_etl.helpers import calls, crm_state, query
from tests.reverse_etl.payload_contract import payload_columns

ASSET = dg.AssetKey(["reverse_etl", "crm_lead_scores"])


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    root = tmp_path_factory.mktemp("graph")
    home = {"DAGSTER_HOME": str(root / "dagster_home")}
    with pipeline_on(root, leads=200, days=20, seed=5) as p, mock.patch.dict(os.environ, home):
        yield p


def test_the_dry_run_command_shows_the_sync_and_sends_nothing(pipeline):
    assert cli.main(["run", "--dry-run"]) == 0

    with dg.DagsterInstance.get() as instance:
        event = instance.get_latest_materialization_event(ASSET)
    metadata = {k: v.value for k, v in event.asset_materialization.metadata.items()}
    payloads = query(pipeline.warehouse, "select count(*) from marts.sync_crm__lead_scores")[0][0]
    ready = query(
        pipeline.warehouse, "select count(*) from marts.sync_crm__lead_scores where is_sales_ready"
    )
    assert metadata["dry_run"] is True and metadata["would_send"] == payloads == 200
    assert metadata["new_handoffs"] == ready[0][0] > 0
    assert {e["method"] for e in calls(pipeline.sandbox)} == {"GET"}  # ingest reads only
    for table in ("crm_sync_ledger", "crm_handoffs"):
        assert query(pipeline.warehouse, f"select count(*) from reverse_etl.{table}") == [(0,)]


def test_a_run_sends_every_score_and_hands_sales_ready_leads_to_their_owners(pipeline):
    result = pipeline.run()

    assert result.success
    assert len(calls(pipeline.sandbox, "PUT", "/Leads")) == math.ceil(200 / 100)
    ready_sql = "select lead_id, lead_score from marts.sync_crm__lead_scores where is_sales_ready"
    hot = dict(query(pipeline.warehouse, ready_sql))
    generated = (pipeline.root / "generated/crm/leads.jsonl").read_text().splitlines()
    owners = {lead["id"]: lead["Owner"]["id"] for lead in map(json.loads, generated)}
    leads, tasks = crm_state(pipeline.sandbox)
    assert {i for i, record in leads.items() if record["tags"] == ["Priority"]} == set(hot)
    assert sorted((t[0], t[3]) for t in tasks.elements()) == sorted(
        (lead_id, owners[lead_id]) for lead_id in hot
    )
    assert all(f"(score {hot[t[0]]})" in t[1] for t in tasks)


def test_the_built_payload_table_is_the_one_the_reverse_etl_fixture_makes(pipeline):
    described = query(pipeline.warehouse, "describe marts.sync_crm__lead_scores")

    assert [(name, kind.lower()) for name, kind, *_ in described] == list(payload_columns().items())
