"""Deleted and merged records, as Zoho keeps them: `DELETE /crm/v8/{module}?ids=`,
`GET /crm/v8/{module}/deleted` (type all | recycle | permanent, page/per_page,
If-Modified-Since) and, for test harnesses, `POST /__sandbox/merge`.

A merge works as in Zoho's merge of duplicates: the records merged away are deleted (to the
recycle bin) and their related Calls are moved to the surviving record (What_Id, with a new
Modified_Time, so an incremental read sees the move).
"""

import json

from lead_scoring.crm.sandbox import zoho_errors
from lead_scoring.crm.sandbox.context import SandboxContext
from lead_scoring.crm.sandbox.modules import ModuleSpec
from lead_scoring.crm.sandbox.reads import _modified_since

SCHEMA = """
create table if not exists deleted_records (
    module text not null,
    id text not null,
    display_name text,
    type text not null,
    deleted_ts real not null,
    primary key (module, id)
)
"""
SANDBOX_USER = {"name": "Sandbox Admin", "id": "5725767000000000001"}
MAX_PER_PAGE = 200


def _ensure(ctx: SandboxContext) -> None:
    ctx.store._write(SCHEMA)


def _name(record: dict) -> str:
    parts = [record.get("First_Name"), record.get("Last_Name")]
    return " ".join(p for p in parts if p) or record.get("Email") or record["id"]


def delete(ctx: SandboxContext, module: str, ids: list[str], kind: str = "recycle") -> list:
    """Delete `ids`; one Zoho-shaped result per id."""
    _ensure(ctx)
    results = []
    with ctx.store.transaction():
        for record_id in ids:
            record = ctx.store.get(module, record_id)
            if record is None:
                results.append(zoho_errors.error("INVALID_DATA", "record not found", id=record_id))
                continue
            ctx.store._write("delete from records where module = ? and id = ?", (module, record_id))
            ctx.store._write(
                "insert or replace into deleted_records values (?, ?, ?, ?, ?)",
                (module, record_id, _name(record), kind, ctx.now()),
            )
            results.append(_deleted(record_id))
    return results


def _deleted(record_id: str) -> dict:
    return {
        "code": "SUCCESS",
        "details": {"id": record_id},
        "message": "record deleted",
        "status": "success",
    }


def _deleted_record(ctx, record_id: str, name: str, kind: str, ts: float) -> dict:
    """One Deleted_Record of the v8 spec."""
    return {
        "id": record_id,
        "display_name": name,
        "type": kind,
        "deleted_time": ctx.stamp(ts),
        "deleted_by": SANDBOX_USER,
        "created_by": SANDBOX_USER,
    }


def delete_records(ctx: SandboxContext, spec: ModuleSpec, query: dict) -> tuple:
    ids = [i for i in query.get("ids", "").split(",") if i]
    if not ids:
        return 400, zoho_errors.invalid_body()
    return 200, {"data": delete(ctx, spec.api_name, ids)}


def list_deleted(ctx: SandboxContext, spec: ModuleSpec, query: dict, headers) -> tuple:
    _ensure(ctx)
    kind = query.get("type", "all")
    page = max(1, int(query.get("page", 1)))
    per_page = min(MAX_PER_PAGE, max(1, int(query.get("per_page", MAX_PER_PAGE))))
    since = _modified_since(headers)
    where, params = ["module = ?"], [spec.api_name]
    if kind != "all":
        where.append("type = ?")
        params.append(kind)
    if since is not None:
        where.append("deleted_ts > ?")
        params.append(since)
    rows = ctx.store._rows(
        "select id, display_name, type, deleted_ts from deleted_records "
        f"where {' and '.join(where)} order by deleted_ts, id limit ? offset ?",
        [*params, per_page + 1, (page - 1) * per_page],
    )
    if not rows:
        return 204, None
    data = [_deleted_record(ctx, *row) for row in rows[:per_page]]
    more = len(rows) > per_page
    info = {"per_page": per_page, "count": len(data), "page": page, "more_records": more}
    return 200, {"data": data, "info": info}


def merge(ctx: SandboxContext, body) -> tuple:
    """`{"module": "Leads", "survivor": id, "merged": [ids]}`: move Calls, delete the merged."""
    if not isinstance(body, dict) or not body.get("survivor") or not body.get("merged"):
        return 400, {"error": 'send {"module": "Leads", "survivor": id, "merged": [ids]}'}
    module, survivor = body.get("module", "Leads"), str(body["survivor"])
    merged = [str(i) for i in body["merged"]]
    with ctx.store.transaction():
        for row in ctx.store._rows("select data from records where module = 'Calls'"):
            call = json.loads(row[0])
            if (call.get("What_Id") or {}).get("id") in merged:
                call["What_Id"] = {**call["What_Id"], "id": survivor}
                call["Modified_Time"] = ctx.stamp(ctx.now())
                ctx.store.update("Calls", call, ctx.now())
        results = delete(ctx, module, merged)
    return 200, {"survivor": survivor, "merged": results}
