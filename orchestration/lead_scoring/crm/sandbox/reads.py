"""`GET /crm/v8/{module}`: fields, paging by page/per_page and page_token, If-Modified-Since
(304 when nothing was modified since).

Pages are numbered from 1; page * per_page may not pass 2,000 (Zoho's limit for discrete
pages). Every page with more records after it carries a `next_page_token` that continues
the same query (same filter, sort and page size) past that limit.
"""

import secrets

from lead_scoring.crm.sandbox import zoho_errors
from lead_scoring.crm.sandbox.context import SandboxContext
from lead_scoring.crm.sandbox.modules import ModuleSpec
from lead_scoring.crm.sandbox.timefmt import parse_datetime

MAX_PER_PAGE = 200
MAX_DISCRETE_RECORDS = 2000
SORT_FIELDS = ("id", "Created_Time", "Modified_Time")


class BadRequest(Exception):
    def __init__(self, body: dict):
        self.body = body


def list_records(ctx: SandboxContext, spec: ModuleSpec, query: dict, headers) -> tuple:
    """(status, body) for a list request; without a body when nothing matches: 304 when an
    If-Modified-Since header found nothing modified since (as Zoho documents), else 204."""
    try:
        fields = _fields(query)
        state = _state(ctx, spec, query, headers)
    except BadRequest as exc:
        return 400, exc.body
    rows = ctx.store.query(
        spec.api_name,
        modified_after=state["modified_after"],
        ids=state["ids"],
        sort_by=state["sort_by"],
        sort_order=state["sort_order"],
        offset=state["offset"],
        limit=state["per_page"] + 1,
    )
    if not rows:
        return (204 if state["modified_after"] is None else 304), None
    more = len(rows) > state["per_page"]
    rows = rows[: state["per_page"]]
    data = _project(ctx, spec, rows, fields)
    return 200, {"data": data, "info": _info(ctx, state, len(data), more, query)}


def _fields(query: dict) -> list[str]:
    names = [name.strip() for name in query.get("fields", "").split(",") if name.strip()]
    if not names:
        raise BadRequest(zoho_errors.required_param_missing("fields"))
    return names


def _int_param(query: dict, name: str, default: int, low: int, high: int) -> int:
    try:
        value = int(query.get(name, default))
    except ValueError:
        raise BadRequest(zoho_errors.invalid_param(name)) from None
    if not low <= value <= high:
        raise BadRequest(zoho_errors.invalid_param(name))
    return value


def _state(ctx, spec, query: dict, headers) -> dict:
    """The query to run: from the page_token when given, else from the parameters."""
    if query.get("page_token"):
        state = ctx.store.page_token(query["page_token"], ctx.now())
        if state is None or state["module"] != spec.api_name:
            raise BadRequest(zoho_errors.invalid_param("page_token"))
        return state
    per_page = _int_param(query, "per_page", MAX_PER_PAGE, 1, MAX_PER_PAGE)
    page = _int_param(query, "page", 1, 1, 10**9)
    if page * per_page > MAX_DISCRETE_RECORDS:
        raise BadRequest(zoho_errors.DISCRETE_PAGINATION_LIMIT)
    sort_by = query.get("sort_by", "id")
    sort_order = query.get("sort_order", "desc")
    if sort_by not in SORT_FIELDS:
        raise BadRequest(zoho_errors.invalid_param("sort_by"))
    if sort_order not in ("asc", "desc"):
        raise BadRequest(zoho_errors.invalid_param("sort_order"))
    return {
        "module": spec.api_name,
        "per_page": per_page,
        "page": page,
        "offset": (page - 1) * per_page,
        "sort_by": sort_by,
        "sort_order": sort_order,
        "modified_after": _modified_since(headers),
        "ids": _ids(query),
    }


def _modified_since(headers) -> float | None:
    text = headers.get("If-Modified-Since")
    if not text:
        return None
    parsed = parse_datetime(text.strip())
    if parsed is None:
        raise BadRequest(zoho_errors.invalid_param("If-Modified-Since"))
    return parsed.timestamp()


def _ids(query: dict) -> list[str] | None:
    ids = [i.strip() for i in query.get("ids", "").split(",") if i.strip()]
    return ids or None


def _project(ctx, spec, rows: list[dict], fields: list[str]) -> list[dict]:
    """Only the fields asked for (null when empty, as Zoho does), always with the id."""
    tags = ctx.store.tags_of(spec.api_name, [r["id"] for r in rows]) if "Tag" in fields else {}
    projected = []
    for row in rows:
        record = {"id": row["id"]}
        for name in fields:
            record[name] = tags.get(row["id"], []) if name == "Tag" else row.get(name)
        projected.append(record)
    return projected


def _info(ctx, state: dict, count: int, more: bool, query: dict) -> dict:
    info = {
        "per_page": state["per_page"],
        "count": count,
        "page": state["page"],
        "sort_by": state["sort_by"],
        "sort_order": state["sort_order"],
        "more_records": more,
    }
    if query.get("page_token"):
        info["previous_page_token"] = query["page_token"]
    if more:  # the spec types tokens as strings: absent rather than null on the last page
        expires = ctx.now() + ctx.config.page_token_ttl
        token = secrets.token_hex(16)
        following = {**state, "page": state["page"] + 1, "offset": state["offset"] + count}
        ctx.store.add_page_token(token, following, expires, ctx.now())
        info["next_page_token"] = token
        info["page_token_expiry"] = ctx.stamp(expires)
    return info
