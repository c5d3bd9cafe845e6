"""Which CRM read a load uses: Get Records pages, or the Bulk Read API for big reads.

Get Records pages stop at 100,000 records a query and cost a call per 200 records; a bulk-read
job exports 200,000 records per job. Every read (the first load too) starts with Get Records
and, once more than the threshold (LEAD_SCORING_CRM_BULK_READ_THRESHOLD, below 100,000) have
come back, drops those pages and reads the same records through bulk read: a large org's
first load and a big night go bulk, a small org keeps what only Get Records gives (a
lookup's name and e-mail; a bulk export has the id alone). Either way the records land
through the same contract, quarantine and (id, Modified_Time) idempotence: bulk CSV text is
typed first (`typed`).
"""

import re
from collections.abc import Iterator
from datetime import datetime

from lead_scoring.crm import ZohoCrmClient
from lead_scoring.ingest.contracts import OBJECT, Contract

INTEGER = re.compile(r"^[+-]?\d+$")
BOOLEANS = {"true": True, "false": False}


def _text(text: str):
    return text if text != "" else None


def _lookup(text: str):
    return {"id": text} if text != "" else None  # a bulk export gives a lookup's id


def _whole(text: str):
    return int(text) if INTEGER.match(text) else _text(text)


def _number(text: str):
    try:
        return float(text)
    except ValueError:
        return _text(text)


def _boolean(text: str):
    return BOOLEANS.get(text.lower(), _text(text))


BY_TYPE = {"BIGINT": _whole, "DOUBLE": _number, "BOOLEAN": _boolean}
_CONVERTERS: dict[str, dict] = {}


def _converters(contract: Contract) -> dict:
    """Source field -> its text converter, built once per table (not per row). Text that does
    not fit the type stays text, so the contract quarantines the record naming the field."""
    if contract.table not in _CONVERTERS:
        _CONVERTERS[contract.table] = {
            f.key: _lookup if f.kinds == OBJECT else BY_TYPE.get(f.columns[0].sql_type, _text)
            for f in contract.fields
            if f.key != "id" and f.columns
        }
    return _CONVERTERS[contract.table]


def typed(contract: Contract, row: dict) -> dict:
    """One bulk-read CSV row as a Get Records record (fields outside the contract: text)."""
    converters = _converters(contract)
    record = {}
    for key, text in row.items():
        convert = converters.get(key)
        if key is None:  # a row with more cells than the header: keep them for the contract
            record["_unnamed_cells"] = text
        elif convert is not None and isinstance(text, str):
            record[key] = convert(text)
        else:
            record[key] = text
    return record


def crm_pages(
    client: ZohoCrmClient,
    contract: Contract,
    module: str,
    fields: list[str],
    since: datetime | None,
    *,
    threshold: int | None = None,
    poll_seconds: float = 10.0,
) -> Iterator[tuple[str, list[dict]]]:
    """(source label, records) pages for `load_crm_pages`, by the cheaper read."""
    threshold = client.settings.bulk_read_threshold if threshold is None else threshold
    buffered, count = [], 0
    for page in client.iter_pages(module, fields, modified_since=since):
        buffered.append((page.source, page.records))
        count += len(page.records)
        if count > threshold:
            break
    else:
        yield from buffered
        return
    for page in client.iter_bulk_pages(module, fields, since, poll_seconds=poll_seconds):
        yield page.source, [typed(contract, row) for row in page.records]
