"""`GET /crm/v8/{module}/deleted`: the records deleted (or merged away) in the CRM.

Zoho v8 answers `{"data": [Deleted_Record...], "info": {...}}` pages (`type` all | recycle |
permanent, `page` and `per_page` up to 200, `If-Modified-Since` for the deletions after a
time), or 204 when there are none. A merge in Zoho deletes the records merged away (their
related records move to the survivor), so a merged lead appears here too.
"""

from collections.abc import Iterator
from datetime import datetime

from lead_scoring.crm.paging import NO_RECORDS, if_modified_since, page_body
from lead_scoring.crm.results import Page

MAX_PER_PAGE = 200


def iter_deleted_pages(
    client, module: str, deleted_since: datetime | None = None, kind: str = "all"
) -> Iterator[Page]:
    """Each page of `module`'s deleted records, oldest deletion first."""
    path = f"/crm/v8/{module}/deleted"
    headers = {"If-Modified-Since": if_modified_since(deleted_since)} if deleted_since else {}
    number = 1
    while True:
        params = {"type": kind, "page": number, "per_page": MAX_PER_PAGE}
        response = client.request("GET", path, params=params, headers=headers)
        if response.status_code in NO_RECORDS:
            return
        body = page_body(response, f"GET {path}")
        info = body.get("info") or {}
        records = body.get("data") or []
        more = bool(info.get("more_records")) and bool(records)
        yield Page(f"{module} deleted", number, records, more, None, info)
        if not more:
            return
        number += 1
