"""Reading more fields than one Get Records call allows (Zoho: at most 50 `fields`).

The first group of fields pages through the module as usual; for each page, every other group
is fetched for that page's ids (`ids`, at most 100 per call) and merged into the records by
id. A record gone between the calls (deleted) keeps only the fields it came back with, so
the ingest contract quarantines it with the missing field named rather than inventing nulls.
"""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import datetime

from lead_scoring.crm import paging
from lead_scoring.crm.results import Page

MAX_FIELDS_PER_CALL = 50
MAX_IDS_PER_CALL = 100


def field_groups(fields: Sequence[str], size: int = MAX_FIELDS_PER_CALL) -> list[list[str]]:
    """`fields` in groups of at most `size`, in order, each name once."""
    unique = list(dict.fromkeys(fields))
    return [unique[start : start + size] for start in range(0, len(unique), size)] or [[]]


def iter_pages(
    request: Callable,
    module: str,
    fields: Sequence[str],
    modified_since: datetime | None = None,
    per_page: int = paging.MAX_PER_PAGE,
    sort_by: str | None = None,
    sort_order: str | None = None,
) -> Iterator[Page]:
    """Each page of `module` with every field in `fields`, however many."""
    first, *others = field_groups(fields)
    pages = paging.iter_pages(request, module, first, modified_since, per_page, sort_by, sort_order)
    for page in pages:
        if others and page.records:
            page = replace(page, records=_merged(request, module, page.records, others))
        yield page


def _merged(request: Callable, module: str, records: list[dict], groups: list[list[str]]):
    merged = {record["id"]: dict(record) for record in records}
    ids = list(merged)
    for group in groups:
        for start in range(0, len(ids), MAX_IDS_PER_CALL):
            chunk = ids[start : start + MAX_IDS_PER_CALL]
            for extra in _by_ids(request, module, chunk, group):
                if extra.get("id") in merged:
                    merged[extra["id"]].update(extra)
    return list(merged.values())


def _by_ids(request: Callable, module: str, ids: list[str], fields: list[str]) -> list[dict]:
    path = f"/crm/v8/{module}"
    params = {"ids": ",".join(ids), "fields": ",".join(fields), "per_page": len(ids)}
    response = request("GET", path, params=params, headers={})
    if response.status_code in paging.NO_RECORDS:
        return []
    return paging.page_body(response, f"GET {path}").get("data") or []
