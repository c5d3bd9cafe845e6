"""`POST /crm/v8/{module}/actions/add_tags` in the v8 shape of tags.json.

Request: `{"tags": [{"name"}], "ids": [...], "over_write": bool}`. Answer per record:
`{"code": "SUCCESS", "details": {"id", "tags": [{"id", "name", "color_code"}]}, ...}` plus
`wf_scheduler`, `success_count`, `locked_count` (strings, as the spec types them).
"""

import hashlib

from lead_scoring.crm.sandbox import zoho_errors
from lead_scoring.crm.sandbox.context import SandboxContext
from lead_scoring.crm.sandbox.modules import SANDBOX_USER, ModuleSpec

MAX_IDS = 100
MAX_TAG_NAME = 25
# The colours tags.json allows; a new tag gets one picked from its name (stable across runs).
COLORS = (
    "#57B1FD",
    "#879BFC",
    "#658BA8",
    "#FD87BD",
    "#969696",
    "#F48435",
    "#1DB9B4",
    "#E7A826",
    "#63C57E",
    "#F17574",
    "#D297EE",
    "#A8C026",
    "#B88562",
)


def add_tags(ctx: SandboxContext, spec: ModuleSpec, body, query: dict):
    """(status, body): 200 all tagged, 207 some, 400 none (or a malformed request)."""
    problem = _request_error(body)
    if problem:
        return 400, problem
    over_write = body.get("over_write") or query.get("over_write") == "true"
    results = []
    with ctx.store.transaction():
        tags = [_tag(ctx, spec, item) for item in body["tags"]]
        for index, record_id in enumerate(body["ids"]):
            results.append(_tag_record(ctx, spec, str(record_id), index, tags, over_write))
    succeeded = sum(r["status"] == "success" for r in results)
    if succeeded == 0:
        return 400, {"data": results}
    answer = {"data": results, "wf_scheduler": False}
    answer.update(success_count=str(succeeded), locked_count="0")
    return (200 if succeeded == len(results) else 207), answer


def _request_error(body) -> dict | None:
    if not isinstance(body, dict):
        return zoho_errors.invalid_body()
    for key in ("tags", "ids"):
        if not isinstance(body.get(key), list) or not body[key]:
            return zoho_errors.mandatory_not_found(key, f"$.{key}")
    if len(body["ids"]) > MAX_IDS:
        return zoho_errors.limit_exceeded(MAX_IDS)
    for index, tag in enumerate(body["tags"]):
        name = tag.get("name") if isinstance(tag, dict) else None
        if not isinstance(name, str) or not name.strip():
            return zoho_errors.mandatory_not_found("name", f"$.tags[{index}].name")
        if len(name) > MAX_TAG_NAME:
            return zoho_errors.invalid_data(
                "name", f"$.tags[{index}].name", maximum_length=str(MAX_TAG_NAME)
            )
    return None


def _tag(ctx, spec, item: dict) -> dict:
    """The existing tag of that name, or a new one."""
    name = item["name"].strip()
    existing = ctx.store.tag_by_name(spec.api_name, name)
    if existing:
        return existing
    stamp = ctx.stamp(ctx.now())
    user = {"name": SANDBOX_USER["name"], "id": SANDBOX_USER["id"]}
    color = item.get("color_code") if item.get("color_code") in COLORS else _color(name)
    tag = {"name": name, "color_code": color, "created_time": stamp, "modified_time": stamp}
    tag.update(modified_by=user, created_by=user, id=ctx.store.next_id("tag"))
    ctx.store.add_tag(spec.api_name, tag)
    return tag


def _color(name: str) -> str:
    return COLORS[int(hashlib.sha256(name.encode()).hexdigest(), 16) % len(COLORS)]


def _tag_record(ctx, spec, record_id: str, index: int, tags: list[dict], over_write) -> dict:
    record = ctx.store.get(spec.api_name, record_id)
    if record is None:
        return zoho_errors.error(
            "INVALID_DATA", "invalid data", api_name="ids", json_path=f"$.ids[{index}]"
        )
    ctx.store.tag_record(spec.api_name, record_id, [t["id"] for t in tags], bool(over_write))
    now = ctx.now()
    record["Modified_Time"] = ctx.stamp(now)  # tagging is an edit: the lead shows as changed
    ctx.store.update(spec.api_name, record, now)
    current = ctx.store.tags_of(spec.api_name, [record_id]).get(record_id, [])
    short = [{"id": t["id"], "name": t["name"], "color_code": t["color_code"]} for t in current]
    details = {"id": record_id, "tags": short}
    return {
        "code": "SUCCESS",
        "details": details,
        "message": "tags updated successfully",
        "status": "success",
    }
