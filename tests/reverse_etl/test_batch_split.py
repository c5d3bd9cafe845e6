"""A batch the CRM refuses as a whole is halved until the records that cause it stand alone;
failures that are not about the records are not split."""

import math

import pytest

from lead_scoring.crm import CrmError, RecordResult
from lead_scoring.reverse_etl.batches import send_isolating
from tests.crm.helpers import configure, lead
from tests.reverse_etl.conftest import LEADS
from tests.reverse_etl.helpers import calls, crm_state, query, sync, update_payload

OK = RecordResult.from_answer({"status": "success", "code": "SUCCESS", "message": "ok"}, 200)


def _crm(poison: set[int] | None, status: int | None = 400):
    """A CRM refusing every batch holding a poison record (poison None: every batch)."""
    sent = []

    def send(records):
        sent.append(len(records))
        if poison is None or poison & {r["n"] for r in records}:
            raise CrmError("refused", status=status, code="INVALID_DATA")
        return [OK] * len(records)

    return send, sent


def test_one_poison_record_is_isolated_in_a_few_calls():
    send, sent = _crm({37})
    results = send_isolating(send, [{"n": n} for n in range(100)])

    failed = [r for r in results if r.error is not None]
    assert [r.records for r in failed] == [[{"n": 37}]]
    assert sum(len(r.records) for r in results if r.error is None) == 99
    assert len(sent) <= 2 * math.ceil(math.log2(100)) + 1


def test_two_poison_records_are_both_isolated():
    send, _ = _crm({0, 99})
    results = send_isolating(send, [{"n": n} for n in range(100)])
    assert sorted(r.records[0]["n"] for r in results if r.error is not None) == [0, 99]


@pytest.mark.parametrize("status", [None, 429, 503, 401])
def test_failures_not_about_the_records_are_not_split(status):
    send, sent = _crm(None, status=status)
    (result,) = send_isolating(send, [{"n": n} for n in range(100)])
    assert result.error is not None and sent == [100]


def test_a_poison_payload_costs_only_its_own_lead(start_sandbox, warehouse):
    sandbox = start_sandbox(leads=LEADS, poison_text="\\u2603")  # a snowman in the JSON body
    update_payload(warehouse, "set score_reasons = 'Snowman \u2603' where lead_id = ?",
                   [lead(42)["id"]])  # fmt: skip

    summary = sync(warehouse, sandbox, "run-1")

    assert (summary["accepted"], summary["rejected"], summary["failed_batches"]) == (
        LEADS - 1,
        1,
        1,
    )
    assert summary["batch_splits"] == 7  # 100 -> 50 -> 25 -> 13 -> 7 -> 4 -> 2 -> 1
    ledger = query(
        warehouse,
        "select http_status, crm_code, crm_message from reverse_etl.crm_sync_ledger "
        "where lead_id = ? and operation = 'upsert'",
        [lead(42)["id"]],
    )
    assert ledger == [(400, "INVALID_DATA", "PUT /crm/v8/Leads answered HTTP 400 INVALID_DATA")]
    leads, _ = crm_state(sandbox)
    assert leads[lead(42)["id"]]["Lead_Score"] is None
    assert leads[lead(43)["id"]]["Lead_Score"] is not None
    assert len(calls(sandbox, "PUT", "/Leads")) == 3 + 2 * 7
    configure(sandbox, poison_text=None)
    assert sync(warehouse, sandbox, "run-2")["sent"] == 1  # sent again until accepted
