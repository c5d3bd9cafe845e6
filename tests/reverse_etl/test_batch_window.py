"""The sliding window of batches in flight: a slow answer holds only its own slot, so the rate
limit, not the slowest batch, sets the pace; every batch is recorded exactly once."""

import threading

from lead_scoring.crm import RecordResult
from lead_scoring.reverse_etl.batches import BATCH_SIZE, send_batches

OK = RecordResult.from_answer({"status": "success", "code": "SUCCESS", "message": "ok"}, 200)


def test_a_slow_batch_does_not_hold_the_other_slots():
    batches, workers = 6, 2
    others_done = threading.Event()
    sent_others, lock = [], threading.Lock()
    released = []

    def send(records):
        first = records[0]["n"] // BATCH_SIZE
        if first == 0:  # the slow one: answers only once every other batch has been answered
            released.append(others_done.wait(timeout=10))
        else:
            with lock:
                sent_others.append(first)
                if len(sent_others) == batches - 1:
                    others_done.set()
        return [OK] * len(records)

    recorded, before = [], []

    def record(answered):
        recorded.extend(results[0].records[0]["n"] // BATCH_SIZE for results in answered)

    send_batches(
        send,
        [{"n": n} for n in range(batches * BATCH_SIZE)],
        workers,
        record,
        before=lambda batch: before.append(batch[0]["n"] // BATCH_SIZE),
    )

    # five batches went through the second slot while the first was still waiting
    assert released == [True]
    assert sorted(sent_others) == [1, 2, 3, 4, 5]
    assert sorted(recorded) == list(range(batches))
    assert recorded.index(0) >= batches - 2  # answered last (or with the last)
    assert before == list(range(batches))  # sent in order, recorded as answered


def test_never_more_than_workers_in_flight():
    workers, in_flight, peak, lock = 3, [0], [0], threading.Lock()
    gate = threading.Barrier(workers, timeout=10)

    def send(records):
        with lock:
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
        if records[0]["n"] < workers * BATCH_SIZE:
            gate.wait()  # the first three meet: all three slots are used at once
        with lock:
            in_flight[0] -= 1
        return [OK] * len(records)

    answered = []

    def record(batches):
        answered.extend(r for results in batches for batch in results for r in batch.records)

    send_batches(send, [{"n": n} for n in range(950)], workers, record)
    assert peak[0] == workers
    assert sorted(r["n"] for r in answered) == list(range(950))


def test_recording_holds_no_slot():
    # the first answer's record waits until a batch beyond the first `workers` has been sent:
    # possible only if the freed slot is refilled before the answer is recorded (a slow ledger
    # write at a large warehouse must not idle the CRM connection)
    batches, workers = 4, 2
    refilled, sent, lock = threading.Event(), [], threading.Lock()

    def send(records):
        with lock:
            sent.append(records[0]["n"] // BATCH_SIZE)
            if len(sent) == workers + 1:
                refilled.set()
        return [OK] * len(records)

    waited, recorded = [], []

    def record(answered):
        if not waited:
            waited.append(refilled.wait(timeout=10))
        recorded.extend(results[0].records[0]["n"] // BATCH_SIZE for results in answered)

    send_batches(send, [{"n": n} for n in range(batches * BATCH_SIZE)], workers, record)
    assert waited == [True]
    assert sorted(recorded) == list(range(batches))  # each batch recorded once
