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


def _typed_value(kinds, sql_type: str, text: str):
    """CSV text as the JSON value Get Records would send; text that does not fit stays text,
    so the contract quarantines the record naming the field."""
    if text == "":
        return None
    if kinds == OBJECT:
        return {"id": text}  # a bulk export gives a lookup's id
    try:
        if sql_type == "BIGINT" and INTEGER.match(text):
            return int(text)
        if sql_type == "DOUBLE":
            return float(text)
    except ValueError:
        return text
    if sql_type == "BOOLEAN":
        return BOOLEANS.get(text.lower(), text)
    return text


def typed(contract: Contract, row: dict) -> dict:
    """One bulk-read CSV row as a Get Records record (fields outside the contract: text)."""
    types = {
        f.key: (f.kinds, f.columns[0].sql_type if f.columns else "JSON") for f in contract.fields
    }
    record = {}
    for key, text in row.items():
        if key is None:  # a row with more cells than the header: keep them for the contract
            record["_unnamed_cells"] = text
        elif key in types and key != "id" and isinstance(text, str):
            record[key] = _typed_value(*types[key], text)
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
