"""Batches of up to 100 records, a few at a time, with a batch the CRM refuses as a whole split
in halves until the records that cause it stand alone.

One poison record (a value that fails the whole request) would otherwise hold back its 99
neighbours on every run; halving finds it in about 2 * log2(100) calls. Failures that say
nothing about the records (throttling, outage, timeout) are not split: that would only
multiply calls to a CRM that cannot answer.
"""

from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from lead_scoring.crm import BatchResult, CrmBatchTooLarge, CrmError, RecordResult
from lead_scoring.crm.batching import chunked
from lead_scoring.crm.client import MAX_RECORDS_PER_CALL

BATCH_SIZE = MAX_RECORDS_PER_CALL
# statuses that are about the CRM or the credentials, not about the records sent
NOT_ABOUT_RECORDS = frozenset({401, 403, 429, 502, 503, 504})

Send = Callable[[list[dict]], list[RecordResult]]


def about_the_records(error: CrmError) -> bool:
    """True when the CRM answered and refused the request itself (400, 413, 500...)."""
    return (
        error.status is not None and error.status >= 400 and error.status not in NOT_ABOUT_RECORDS
    )


def refused_before_applying(error: CrmError) -> bool:
    """A 4xx answer: nothing was written, so a non-idempotent create may be split safely."""
    return about_the_records(error) and error.status < 500


def send_isolating(
    send: Send, records: list[dict], splittable=about_the_records
) -> list[BatchResult]:
    """One BatchResult per call that ended the search: answered, or failed and not split."""
    try:
        return [BatchResult(0, records, send(records))]
    except CrmBatchTooLarge:
        raise  # a programming error, not a CRM outcome to ledger
    except CrmError as exc:
        if len(records) == 1 or not splittable(exc):
            return [BatchResult(0, records, error=exc)]
    middle = len(records) // 2
    return send_isolating(send, records[:middle], splittable) + send_isolating(
        send, records[middle:], splittable
    )


def pieces(answered: list[list[BatchResult]]) -> list[BatchResult]:
    """Every piece of the batches `send_batches` hands to `record`, in order."""
    return [piece for results in answered for piece in results]


def send_batches(
    send: Send,
    records: Sequence[dict],
    workers: int,
    record: Callable[[list[list[BatchResult]]], None],
    *,
    before: Callable[[list[dict]], None] | None = None,
    splittable=about_the_records,
) -> None:
    """Send batches with `workers` in flight; `record` the batches answered, each as the list of
    its pieces (one unless it was split), as they complete.

    `before(batch)` runs just ahead of sending it (e.g. to note the intent of a create). A new
    batch goes out as soon as any batch in flight is answered, before the answers are recorded,
    so one slow answer does not hold the others' slots and recording does not hold any: the
    rate limit, not latency or the ledger's writes, sets the pace (in flight = rate x latency).
    Every batch answered while the last ones were being recorded is recorded in one call (one
    ledger write, however large the warehouse's commit cost). A crash loses at most the answers
    in flight and those being recorded (2 x `workers` batches); the ledger makes re-sending
    them safe.
    """
    pending = deque(chunked(list(records), BATCH_SIZE))
    workers = max(1, workers)
    with ThreadPoolExecutor(workers, thread_name_prefix="crm-sync") as pool:
        in_flight: set[Future] = set()

        def fill() -> None:
            while pending and len(in_flight) < workers:
                batch = pending.popleft()
                if before is not None:
                    before(batch)
                in_flight.add(pool.submit(send_isolating, send, batch, splittable))

        fill()
        while in_flight:
            done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
            fill()
            record([future.result() for future in done])
