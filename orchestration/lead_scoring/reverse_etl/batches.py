"""Batches of up to 100 records, a few at a time, with a batch the CRM refuses as a whole split
in halves until the records that cause it stand alone.

One poison record (a value that fails the whole request) would otherwise hold back its 99
neighbours on every run; halving finds it in about 2 * log2(100) calls. Failures that say
nothing about the records (throttling, outage, timeout) are not split: that would only
multiply calls to a CRM that cannot answer.
"""

from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

from lead_scoring.crm import BatchResult, CrmError, RecordResult
from lead_scoring.crm.batching import chunked

BATCH_SIZE = 100
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
    except CrmError as exc:
        if len(records) == 1 or not splittable(exc):
            return [BatchResult(0, records, error=exc)]
    middle = len(records) // 2
    return send_isolating(send, records[:middle], splittable) + send_isolating(
        send, records[middle:], splittable
    )


def send_batches(
    send: Send,
    records: Sequence[dict],
    workers: int,
    record: Callable[[list[BatchResult]], None],
    *,
    before: Callable[[list[dict]], None] | None = None,
    splittable=about_the_records,
) -> None:
    """Send batches with `workers` in flight; `record` each batch's results, in order.

    `before(batch)` runs just ahead of sending it (e.g. to note the intent of a create). A
    new batch goes out as soon as the oldest is recorded, so the CRM's rate limit, not the
    slowest batch of a round, sets the pace, and a crash loses at most `workers` answers.
    """
    batches = chunked(list(records), BATCH_SIZE)
    with ThreadPoolExecutor(max(1, workers), thread_name_prefix="crm-sync") as pool:
        in_flight: deque = deque()
        for batch in batches:
            if len(in_flight) >= max(1, workers):
                record(in_flight.popleft().result())
            if before is not None:
                before(batch)
            in_flight.append(pool.submit(send_isolating, send, batch, splittable))
        while in_flight:
            record(in_flight.popleft().result())
