"""Create (`POST /crm/v8/{module}`), update by id (`PUT /crm/v8/{module}`) and upsert
(`POST /crm/v8/{module}/upsert`).

Answers per record, in request order. HTTP status: all records written -> 200 for upsert and
update (the only status record.json lists) or 201 for create; some failed -> 207
(Multi-Status); all failed -> 400 with the same per-record body, as Zoho's status-code page
describes. An update needs each record's id and answers `action: update` with no
`duplicate_field`; an upsert names the duplicate-check field it matched on, never "id" (Zoho
matches upserts on duplicate-check fields; the id is not one).
"""

from lead_scoring.crm.sandbox import zoho_errors
from lead_scoring.crm.sandbox.context import SandboxContext
from lead_scoring.crm.sandbox.lookups import resolve_lookups, unique_conflict
from lead_scoring.crm.sandbox.modules import SANDBOX_USER, SYSTEM_FIELDS, ModuleSpec
from lead_scoring.crm.sandbox.validation import record_error

MAX_RECORDS = 100


def write_records(ctx: SandboxContext, spec: ModuleSpec, body, *, upsert: bool):
    """(status, body) for a create or upsert request."""
    return _write_all(ctx, spec, body, "upsert" if upsert else "create")


def update_records(ctx: SandboxContext, spec: ModuleSpec, body):
    """(status, body) for `PUT /crm/v8/{module}`: each record updated by its id."""
    return _write_all(ctx, spec, body, "update")


def _write_all(ctx: SandboxContext, spec: ModuleSpec, body, mode: str):
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, list) or not data:
        return 400, zoho_errors.mandatory_not_found("data", "$.data")
    if len(data) > MAX_RECORDS:
        return 400, zoho_errors.limit_exceeded(MAX_RECORDS)
    check_fields = body.get("duplicate_check_fields", list(spec.duplicate_check))
    if not isinstance(check_fields, list) or not all(isinstance(f, str) for f in check_fields):
        return 400, zoho_errors.invalid_data("duplicate_check_fields", "$.duplicate_check_fields")
    if mode != "upsert":
        check_fields = []
    with ctx.store.transaction():
        results = [_write_one(ctx, spec, rec, i, check_fields, mode) for i, rec in enumerate(data)]
    if mode == "create":
        for result in results:  # a plain create answers without action / duplicate_field
            result.pop("action", None)
            result.pop("duplicate_field", None)
    return _status(results, 201 if mode == "create" else 200), {"data": results}


def _status(results: list[dict], all_ok: int) -> int:
    succeeded = sum(result["status"] == "success" for result in results)
    if succeeded == len(results):
        return all_ok
    return 400 if succeeded == 0 else 207


def _write_one(ctx, spec, record, index, check_fields, mode: str) -> dict:
    if not isinstance(record, dict):
        return zoho_errors.invalid_data("data", f"$.data[{index}]")
    if mode == "update" and record.get("id") in (None, ""):
        return zoho_errors.mandatory_not_found("id", f"$.data[{index}].id")
    if ctx.faults.reject_record():
        name = next((k for k in record if k not in SYSTEM_FIELDS), "id")
        return zoho_errors.invalid_data(name, f"$.data[{index}].{name}")
    target = _find_target(ctx, spec, record, index, check_fields)
    if isinstance(target, dict):
        return target  # an error answer
    existing, matched_field = target
    existing_id = existing["id"] if existing else None
    problem = (
        record_error(spec, record, index, inserting=existing_id is None)
        or unique_conflict(ctx, spec, record, index, existing_id)
        or resolve_lookups(ctx, record, index)
    )
    if problem:
        return problem
    fields = {k: v for k, v in record.items() if k not in SYSTEM_FIELDS}
    if existing_id:
        return _success(_update(ctx, spec, existing, fields), "update", matched_field)
    first_check = check_fields[0] if check_fields else None
    return _success(_insert(ctx, spec, fields), "insert", first_check)


def _find_target(ctx, spec, record, index, check_fields):
    """(the existing record's id and creation stamps, field it matched on), (None, None) for a
    new record, or an error answer for an unknown id."""
    if record.get("id") is not None:
        existing = ctx.store.created(spec.api_name, str(record["id"]))
        if existing is None:
            return zoho_errors.error(
                "INVALID_DATA",
                "the id given seems to be invalid",
                api_name="id",
                json_path=f"$.data[{index}].id",
            )
        return existing, None  # found by id: no duplicate-check field matched
    for field in check_fields:
        value = record.get(field)
        if value not in (None, ""):
            ids = ctx.store.find_ids(spec.api_name, field, value)
            if ids:
                return ctx.store.created(spec.api_name, ids[0]), field
    return None, None


def _update(ctx, spec, existing: dict, fields: dict) -> dict:
    """The fields written and the stamps, enough for the answer's details."""
    now = ctx.now()
    changes = {**fields, "Modified_Time": ctx.stamp(now), "Modified_By": _user()}
    ctx.store.patch(spec.api_name, existing["id"], changes, now)
    return {**existing, **changes}


def _insert(ctx, spec, fields: dict) -> dict:
    now = ctx.now()
    record = {"Owner": _user(), **fields, "id": ctx.store.next_id()}
    record.update(Created_Time=ctx.stamp(now), Created_By=_user())
    record.update(Modified_Time=ctx.stamp(now), Modified_By=_user())
    ctx.store.put(spec.api_name, record, now, now)
    return record


def _user() -> dict:
    return {"name": SANDBOX_USER["name"], "id": SANDBOX_USER["id"]}


def _success(record: dict, action: str, duplicate_field: str | None) -> dict:
    keys = ("Modified_Time", "Modified_By", "Created_Time", "id", "Created_By")
    details = {key: record[key] for key in keys if record.get(key) is not None}
    answer = {"code": "SUCCESS", "duplicate_field": duplicate_field, "action": action}
    if duplicate_field is None:
        del answer["duplicate_field"]  # the spec types it as a string: omit rather than null
    message = "record updated" if action == "update" else "record added"
    return {**answer, "details": details, "message": message, "status": "success"}
