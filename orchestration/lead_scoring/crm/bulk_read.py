"""Reading a whole module (or a large delta) through Zoho's Bulk Read API (bulk_read.json).

Get Records stops at 100,000 records per query (page_token paging); an export job has no such
cap. One job: create it (`POST /crm/bulk/v8/read`), poll its state until COMPLETED, download
the zip holding one CSV of up to 200,000 records, and while the result says `more_records`,
create the next job with its `next_page_token`. Records come back as the CSV's text (`Id`
renamed `id`); typing them is the reader's job (the ingest contract knows the types).
"""

import csv
import io
import zipfile
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime

from lead_scoring.crm.errors import CrmError
from lead_scoring.crm.paging import if_modified_since, page_body
from lead_scoring.crm.results import Page

PATH = "/crm/bulk/v8/read"
CHUNK = 20_000  # records per Page handed on: a 200,000-record result never sits in one list
FAILED_STATES = ("FAILURE",)


def job_query(
    module: str, fields: Sequence[str], modified_since: datetime | None, page_token: str | None
) -> dict:
    """The `query` of an export job: all `fields`, records modified after `modified_since`."""
    query: dict = {"module": {"api_name": module}, "fields": list(fields)}
    if modified_since is not None:
        query["criteria"] = {
            "type": "value",
            "field": {"api_name": "Modified_Time"},
            "comparator": "greater_than",
            "value": if_modified_since(modified_since),
        }
    if page_token:
        query["page_token"] = page_token
    else:
        query["page"] = 1
    return query


def iter_bulk_pages(
    request: Callable,
    module: str,
    fields: Sequence[str],
    modified_since: datetime | None = None,
    *,
    poll_seconds: float = 10.0,
    max_polls: int = 360,
    sleep: Callable[[float], None],
) -> Iterator[Page]:
    """Pages of at most CHUNK records, job after job until no `more_records`."""
    token, job_number = None, 0
    while True:
        job_number += 1
        job_id = _create(request, job_query(module, fields, modified_since, token))
        result = _wait(request, job_id, poll_seconds, max_polls, sleep)
        more = bool(result.get("more_records"))
        yield from _pages(module, job_id, _download(request, job_id), result, more)
        if not more:
            return
        token = result.get("next_page_token")
        if not token:
            raise CrmError(f"bulk read job {job_id}: more records but no next_page_token")


def _create(request: Callable, query: dict) -> str:
    response = request("POST", PATH, json={"query": query, "file_type": "csv"}, idempotent=False)
    if response.status_code != 201:
        page_body(response, f"POST {PATH}")  # raises with Zoho's code
    try:
        return response.json()["data"][0]["details"]["id"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise CrmError(f"POST {PATH} answered 201 without a job id", endpoint=PATH) from None


def _wait(request: Callable, job_id: str, poll_seconds: float, max_polls: int, sleep) -> dict:
    endpoint = f"GET {PATH}/{{job_id}}"
    for poll in range(max_polls):
        if poll:
            sleep(poll_seconds)
        body = page_body(request("GET", f"{PATH}/{job_id}"), endpoint)
        job = (body.get("data") or [{}])[0]
        if job.get("state") == "COMPLETED":
            return job.get("result") or {}
        if job.get("state") in FAILED_STATES:
            raise CrmError(f"bulk read job {job_id} failed in Zoho", endpoint=endpoint)
    waited = poll_seconds * (max_polls - 1)
    raise CrmError(f"bulk read job {job_id} not completed after {waited:.0f} s", endpoint=endpoint)


def _download(request: Callable, job_id: str) -> bytes:
    endpoint = f"GET {PATH}/{{job_id}}/result"
    response = request("GET", f"{PATH}/{job_id}/result")
    if response.status_code != 200:
        page_body(response, endpoint)
    return response.content


def _pages(module: str, job_id: str, archive: bytes, result: dict, more: bool) -> Iterator[Page]:
    try:
        zipped = zipfile.ZipFile(io.BytesIO(archive))
        (name,) = [n for n in zipped.namelist() if n.endswith(".csv")]
    except (zipfile.BadZipFile, ValueError):
        raise CrmError(f"bulk read job {job_id}: the result is not a zip of one CSV") from None
    with zipped.open(name) as raw:
        rows = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline=""))
        chunk, part = [], 0
        for row in rows:
            row["id"] = row.pop("Id", None)
            chunk.append(row)
            if len(chunk) == CHUNK:
                part += 1
                yield _page(module, job_id, part, chunk, result)
                chunk = []
        if chunk or not part:
            yield _page(module, job_id, part + 1, chunk, result)


def _page(module: str, job_id: str, part: int, records: list[dict], result: dict) -> Page:
    """A slice of one job's CSV; `source` names the job and part, e.g. for quarantine rows."""
    label = f"{module} bulk read job {job_id} part {part}"
    return Page(module, int(result.get("page") or 1), records, False, None, result, label)
