"""Zoho's Bulk Read API (bulk_read.json): an export job, its state, a zip of CSV to download.

`POST /crm/bulk/v8/read` adds a job (state ADDED); each status read (`GET .../read/{id}`)
moves it on: IN PROGRESS for `bulk_read_polls` reads, then COMPLETED, when the records are
exported (a snapshot, like Zoho's). `GET .../read/{id}/result` downloads the zip holding one
CSV. A job exports at most `bulk_read_page_size` records (Zoho: 200,000), sorted by id; the
result says `more_records` and gives a `next_page_token` for the job that continues it (or
`page: n + 1`). The only criterion supported is the incremental one:
`Modified_Time greater_than <date-time>`. The CSV holds the `Id`, then the fields asked for;
a lookup is its id, a boolean `true` / `false`, an empty field an empty cell.
"""

import csv
import io
import json
import secrets
import zipfile

from lead_scoring.crm.sandbox import zoho_errors
from lead_scoring.crm.sandbox.context import SandboxContext
from lead_scoring.crm.sandbox.modules import MODULES, SANDBOX_USER
from lead_scoring.crm.sandbox.timefmt import parse_datetime

PREFIX = "/crm/bulk/v8/read"
JOBS_DDL = """
create table if not exists bulk_read_jobs (
    id text primary key, detail text not null, polls integer not null, result blob
)
"""


def _user() -> dict:
    return {"name": SANDBOX_USER["name"], "id": SANDBOX_USER["id"]}


def _refusal(code: str, message: str, **details) -> tuple[int, dict]:
    return 400, zoho_errors.error(code, message, **details)


def create_job(ctx: SandboxContext, body) -> tuple[int, dict]:
    query = body.get("query") if isinstance(body, dict) else None
    if not isinstance(query, dict):
        return _refusal("REQUEST_BODY_IS_EMPTY", "the query is missing", resource="query")
    module = (query.get("module") or {}).get("api_name")
    if module not in MODULES:
        return _refusal("MODULE_NOT_AVAILABLE", "the module is not available", resource="module")
    start = _start(ctx, query)
    if start is None:
        return _refusal("INVALID_REQUEST", "page or page_token is invalid", resource="page")
    since = _since(query.get("criteria"))
    if since is False:
        return _refusal("INVALID_CRITERIA", "only Modified_Time greater_than is supported")
    detail = {
        "id": ctx.store.next_id(),
        "operation": "read",
        "state": "ADDED",
        "query": {**query, "page": start // ctx.config.bulk_read_page_size + 1},
        "created_by": _user(),
        "created_time": ctx.stamp(ctx.now()),
        "file_type": "csv",
        "_offset": start,
        "_since": since,
    }
    ctx.store._write(JOBS_DDL)
    ctx.store._write(
        "insert into bulk_read_jobs values (?, ?, 0, null)", (detail["id"], json.dumps(detail))
    )
    answer = {k: detail[k] for k in ("id", "operation", "state", "created_by", "created_time")}
    success = {"status": "success", "code": "ADDED_SUCCESSFULLY", "message": "Added successfully."}
    return 201, {"data": [{**success, "details": answer}], "info": {}}


def _start(ctx: SandboxContext, query: dict) -> int | None:
    """The first record (offset) the job exports, from `page_token` or `page`."""
    if query.get("page_token"):
        state = ctx.store.page_token(query["page_token"], ctx.now())
        return state.get("bulk_offset") if state else None
    page = query.get("page") or 1
    if not isinstance(page, int) or page < 1:
        return None
    return (page - 1) * ctx.config.bulk_read_page_size


def _since(criteria) -> float | None | bool:
    """The Modified_Time bound (epoch seconds), None without criteria, False if unsupported."""
    if not criteria:
        return None
    field = (criteria.get("field") or {}).get("api_name") if isinstance(criteria, dict) else None
    moment = parse_datetime(criteria.get("value")) if field == "Modified_Time" else None
    if criteria.get("comparator") != "greater_than" or moment is None:
        return False
    return moment.timestamp()


def job_status(ctx: SandboxContext, job_id: str) -> tuple[int, dict]:
    row = _job(ctx, job_id)
    if row is None:
        return 404, _not_found(job_id)
    detail, polls = json.loads(row[0]), row[1] + 1
    if detail["state"] != "COMPLETED":
        done = polls > ctx.config.bulk_read_polls
        result = _export(ctx, detail) if done else None
        detail["state"] = "COMPLETED" if done else "IN PROGRESS"
        ctx.store._write(
            "update bulk_read_jobs set detail = ?, polls = ?, result = coalesce(?, result) "
            "where id = ?",
            (json.dumps(detail), polls, result, job_id),
        )
    shown = {k: v for k, v in detail.items() if not k.startswith("_")}
    return 200, {"data": [shown]}


def download(ctx: SandboxContext, job_id: str) -> tuple[int, dict | bytes]:
    row = _job(ctx, job_id)
    if row is None or row[2] is None:
        return 400, _not_found(job_id)
    return 200, bytes(row[2])


def _job(ctx: SandboxContext, job_id: str):
    ctx.store._write(JOBS_DDL)
    sql = "select detail, polls, result from bulk_read_jobs where id = ?"
    rows = ctx.store._rows(sql, (job_id,))
    return rows[0] if rows else None


def _not_found(job_id: str) -> dict:
    return zoho_errors.error(
        "RESOURCE_NOT_FOUND", "the requested resource is not found", resource=job_id
    )


def _export(ctx: SandboxContext, detail: dict) -> bytes:
    """Snapshot the job's records into a zip of one CSV; fill in the job's `result`."""
    size, query = ctx.config.bulk_read_page_size, detail["query"]
    rows = ctx.store.query(
        query["module"]["api_name"],
        modified_after=detail["_since"],
        sort_by="id",
        sort_order="asc",
        offset=detail["_offset"],
        limit=size + 1,
    )
    more, rows = len(rows) > size, rows[:size]
    fields = [f for f in query.get("fields") or [] if f not in ("id", "Id")]
    result = {
        "page": query["page"],
        "count": len(rows),
        "download_url": f"{PREFIX}/{detail['id']}/result",
        "per_page": size,
        "more_records": more,
    }
    if more:
        token = secrets.token_hex(16)
        state = {"module": query["module"]["api_name"], "bulk_offset": detail["_offset"] + size}
        expires = ctx.now() + ctx.config.page_token_ttl
        ctx.store.add_page_token(token, state, expires, ctx.now())
        result["next_page_token"] = token
    detail["result"] = result
    return _zip(detail["id"], fields, rows)


def _cell(value) -> str:
    if isinstance(value, dict):
        return str(value.get("id") or "")
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _zip(job_id: str, fields: list[str], rows: list[dict]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["Id", *fields])
    writer.writerows([row["id"], *(_cell(row.get(f)) for f in fields)] for row in rows)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr(f"{job_id}.csv", text.getvalue())
    return archive.getvalue()
