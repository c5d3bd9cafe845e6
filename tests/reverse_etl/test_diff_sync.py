"""Only changed payloads are sent: ceil(N/100) calls first, none when nothing changed, and
ceil(K/100) calls for exactly the K leads whose score changed."""

import math

from tests.crm.helpers import configure, lead
from tests.reverse_etl.conftest import LEADS
from tests.reverse_etl.helpers import calls, crm_state, query, sync, update_payload, upserted_ids

LEDGER = "reverse_etl.crm_sync_ledger"


def test_first_sync_sends_every_lead_in_ceil_n_over_100_calls(sandbox, warehouse):
    summary = sync(warehouse, sandbox, "run-1")

    assert len(calls(sandbox, "PUT", "/Leads")) == math.ceil(LEADS / 100) == 3
    assert sorted(upserted_ids(sandbox)) == sorted(lead(n)["id"] for n in range(LEADS))
    assert (summary["sent"], summary["accepted"], summary["rejected"]) == (LEADS, LEADS, 0)
    leads, _ = crm_state(sandbox)
    payload = dict(query(warehouse, "select lead_id, lead_score from marts.sync_crm__lead_scores"))
    assert {i: leads[i]["Lead_Score"] for i in payload} == payload
    rows = query(warehouse, f"select count(*) from {LEDGER} where operation = 'upsert'")
    assert rows == [(LEADS,)]


def test_an_immediate_second_run_makes_no_call_and_adds_no_ledger_row(sandbox, warehouse):
    sync(warehouse, sandbox, "run-1")
    before = len(calls(sandbox))

    summary = sync(warehouse, sandbox, "run-2")

    assert len(calls(sandbox)) == before
    assert summary["api_calls"] == summary["sent"] == 0
    assert summary["skipped_unchanged"] == LEADS
    assert query(warehouse, f"select count(*) from {LEDGER} where run_id = 'run-2'") == [(0,)]


def test_k_changed_scores_make_ceil_k_over_100_calls_for_exactly_those_leads(sandbox, warehouse):
    sync(warehouse, sandbox, "run-1")
    last = calls(sandbox)[-1]["seq"]
    changed = [lead(n)["id"] for n in range(LEADS) if n % 5][:130]  # none Hot
    update_payload(
        warehouse,
        "set behavior_score = behavior_score + 1, lead_score = lead_score + 1 "
        "where lead_id in (select unnest(?::varchar[]))",
        [changed],
    )

    summary = sync(warehouse, sandbox, "run-2")

    new_calls = [e for e in calls(sandbox) if e["seq"] > last]
    assert [e["path"] for e in new_calls] == ["/crm/v8/Leads"] * math.ceil(130 / 100)
    assert sorted(upserted_ids(sandbox, since=last)) == sorted(changed)
    assert (summary["sent"], summary["skipped_unchanged"]) == (130, LEADS - 130)
    leads, _ = crm_state(sandbox)
    payload = dict(query(warehouse, "select lead_id, lead_score from marts.sync_crm__lead_scores"))
    assert all(leads[i]["Lead_Score"] == payload[i] for i in changed)


def test_a_rejected_record_is_ledgered_and_counted_as_retried_when_sent_again(sandbox, warehouse):
    update_payload(warehouse, "set lead_tier = 'Hot!' where lead_id = ?", [lead(3)["id"]])
    first = sync(warehouse, sandbox, "run-1")
    update_payload(warehouse, "set lead_tier = 'Cold' where lead_id = ?", [lead(3)["id"]])
    configure(sandbox, reject_rate=0.0)

    second = sync(warehouse, sandbox, "run-2")

    assert (first["rejected"], first["retried"]) == (1, 0)
    assert first["rejections"] == [
        {
            "lead_id": lead(3)["id"],
            "code": "INVALID_DATA",
            "message": "invalid data (api_name=Lead_Tier, expected_data_type=picklist)",
        }
    ]
    assert (second["sent"], second["accepted"], second["retried"]) == (1, 1, 1)
    assert upserted_ids(sandbox)[-1] == lead(3)["id"]
