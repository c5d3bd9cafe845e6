"""A failing blocking check on a mart: the run fails, the CRM gets no write and BI keeps the last
good snapshot, although the warehouse already holds the new (unaudited) scores."""

import pytest

from lead_scoring.crm import ZohoCrmClient, ZohoSettings
from lead_scoring.quality import suite_check
from tests.e2e.scenarios import published_run_id, tables

PROMOTED = 5  # leads whose title becomes "CEO" in the CRM: their scores change
FAILING = {  # a real GX expectation that the real data breaks: not every lead is Hot
    "type": "expect_column_values_to_be_in_set",
    "kwargs": {"column": "tier", "value_set": ["Hot"]},
}
LOAD_SUITE = suite_check.load_suite_json


def _promote(reference) -> list[str]:
    """Change the CRM so that the next run has scores to send."""
    cold = sorted(
        lead for lead, (score, _tier, _reasons) in reference.scores.items() if score < 30
    )[:PROMOTED]
    with ZohoCrmClient(ZohoSettings.for_sandbox(reference.sandbox.base_url)) as client:
        results = client.upsert("Leads", [{"id": lead, "Designation": "CEO"} for lead in cold])
    assert all(result.ok for result in results)
    return cold


def _with_failing_lead_scores_suite(path):
    suite = LOAD_SUITE(path)
    if path.stem == "marts.lead_scores":
        suite = {**suite, "expectations": [*suite["expectations"], FAILING]}
    return suite


@pytest.fixture(scope="module")
def blocked(reference):
    """The reference scenario (its tables already captured), run again with new CRM data and
    one expectation on marts.lead_scores that fails."""
    promoted = _promote(reference)
    writes, snapshot = reference.crm_writes(), reference.published.read_bytes()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(suite_check, "load_suite_json", _with_failing_lead_scores_suite)
        result = reference.run()
    return result, promoted, writes, snapshot


def test_the_run_fails_on_the_check_instead_of_skipping_quietly(blocked):
    result, *_ = blocked
    assert not result.success
    failed = [e.step_key for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    assert failed == ["marts__lead_scores_gx_lead_scores"]
    (evaluation,) = [
        e.event_specific_data for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION"
        and e.event_specific_data.check_name == "gx_lead_scores"
    ]  # fmt: skip
    assert not evaluation.passed
    failures = evaluation.metadata["failures"].value
    assert failures[0]["expectation"] == "expect_column_values_to_be_in_set"
    assert set(failures[0]["sample"]) <= {"Warm", "Cold"} and failures[0]["sample"]


def test_nothing_downstream_of_the_mart_ran_and_the_crm_got_no_write(blocked, reference):
    result, _, writes_before, _ = blocked
    materialized = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert "publish/bi_snapshot" not in materialized
    assert "reverse_etl/crm_lead_scores" not in materialized
    assert reference.crm_writes() == writes_before


def test_bi_keeps_the_last_good_snapshot_while_the_warehouse_moved_on(blocked, reference):
    result, promoted, _, snapshot_before = blocked
    assert reference.published.read_bytes() == snapshot_before
    assert published_run_id(reference.published) == {reference.result.run_id}
    built = {row[0]: row for row in tables(reference.warehouse)["marts.lead_scores"]}
    shown = {row[0]: row for row in tables(reference.published, ("marts",))["marts.lead_scores"]}
    assert all(built[lead] != shown[lead] for lead in promoted)
