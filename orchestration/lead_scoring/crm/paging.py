"""Reading a module page by page, as Zoho v8 requires.

Pages 1..10 of 200 go by `page`; past 2,000 records only `page_token` works, so from there
on each request carries the previous page's `next_page_token`. 204 (nothing matches) and 304
(nothing modified since If-Modified-Since, Zoho's answer) both mean: no records.
"""

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime

from lead_scoring.crm.errors import CrmError
from lead_scoring.crm.results import Page
from lead_scoring.crm.transport import error_code

MAX_PER_PAGE = 200
MAX_DISCRETE_RECORDS = 2000
NO_RECORDS = (204, 304)


def if_modified_since(moment: datetime) -> str:
    """The header value: ISO 8601 with the offset (a naive datetime is ambiguous: refused)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("modified_since must be timezone-aware")
    return moment.isoformat(timespec="seconds")


def iter_pages(
    request: Callable,
    module: str,
    fields: Sequence[str],
    modified_since: datetime | None = None,
    per_page: int = MAX_PER_PAGE,
    sort_by: str | None = None,
    sort_order: str | None = None,
) -> Iterator[Page]:
    """Yield each page of records; `request(method, path, params=, headers=)` does the HTTP."""
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise ValueError(f"per_page must be 1..{MAX_PER_PAGE}, got {per_page}")
    path = f"/crm/v8/{module}"
    params = {"fields": ",".join(fields), "per_page": per_page}
    params.update({k: v for k, v in (("sort_by", sort_by), ("sort_order", sort_order)) if v})
    headers = {"If-Modified-Since": if_modified_since(modified_since)} if modified_since else {}
    number, token = 1, None
    while True:
        position = {"page_token": token} if token else {"page": number}
        response = request("GET", path, params={**params, **position}, headers=headers)
        if response.status_code in NO_RECORDS:
            return
        body = page_body(response, f"GET {path}")
        info = body.get("info") or {}
        records = body.get("data") or []
        more = bool(info.get("more_records")) and bool(records)
        yield Page(module, int(info.get("page", number)), records, more, token, info)
        if not more:
            return
        number += 1
        if token or number * per_page > MAX_DISCRETE_RECORDS:
            token = info.get("next_page_token")
            if not token:
                message = f"GET {path}: more records after page {number - 1}, no next_page_token"
                raise CrmError(message, endpoint=f"GET {path}")


def page_body(response, endpoint: str) -> dict:
    if response.status_code != 200:
        code = error_code(response)
        raise CrmError(
            f"{endpoint} answered HTTP {response.status_code}" + (f" {code}" if code else ""),
            endpoint=endpoint,
            status=response.status_code,
            code=code,
        )
    try:
        body = response.json()
    except ValueError:
        raise CrmError(f"{endpoint} answered 200 without JSON", endpoint=endpoint) from None
    return body if isinstance(body, dict) else {}
