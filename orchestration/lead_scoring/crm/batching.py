"""Independent batches, run one after another or in a small thread pool.

A batch that fails after its retries becomes a BatchResult with the error, so the other
batches still go out and the caller can record every outcome in its ledger.
"""

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

from lead_scoring.crm.errors import CrmBatchTooLarge, CrmError
from lead_scoring.crm.results import BatchResult, RecordResult


def chunked(items: Sequence, size: int) -> list[list]:
    return [list(items[start : start + size]) for start in range(0, len(items), size)]


def run_batches(
    send: Callable[[list[dict]], list[RecordResult]],
    batches: list[list[dict]],
    max_workers: int = 1,
) -> list[BatchResult]:
    """Results in batch order, whatever order the threads finish in."""

    def one(index: int, batch: list[dict]) -> BatchResult:
        try:
            return BatchResult(index, batch, send(batch))
        except CrmBatchTooLarge:
            raise  # a programming error, not a CRM outcome
        except CrmError as exc:
            return BatchResult(index, batch, error=exc)

    if max_workers <= 1 or len(batches) <= 1:
        return [one(i, batch) for i, batch in enumerate(batches)]
    with ThreadPoolExecutor(max_workers, thread_name_prefix="crm-batch") as pool:
        futures = [pool.submit(one, i, batch) for i, batch in enumerate(batches)]
        return [future.result() for future in futures]
