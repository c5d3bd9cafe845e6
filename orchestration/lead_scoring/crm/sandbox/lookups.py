"""Checks that need other records: unique fields (DUPLICATE_DATA) and lookups (What_Id)."""

from lead_scoring.crm.sandbox import zoho_errors
from lead_scoring.crm.sandbox.context import SandboxContext
from lead_scoring.crm.sandbox.modules import MODULES, SANDBOX_USER, ModuleSpec


def unique_conflict(
    ctx: SandboxContext, spec: ModuleSpec, record: dict, index: int, own_id: str | None
) -> dict | None:
    """DUPLICATE_DATA when a unique field's value already belongs to another record."""
    for field in spec.unique:
        value = record.get(field)
        if value in (None, ""):
            continue
        others = [i for i in ctx.store.find_ids(spec.api_name, field, value) if i != own_id]
        if others:
            other = ctx.store.get(spec.api_name, others[0])
            owner = other.get("Owner") or SANDBOX_USER
            duplicate = {
                "Owner": {"name": owner.get("name", ""), "id": owner.get("id")},
                "module": {"api_name": spec.api_name, "id": spec.module_id},
                "id": others[0],
            }
            return zoho_errors.error(
                "DUPLICATE_DATA",
                "duplicate data",
                api_name=field,
                json_path=f"$.data[{index}].{field}",
                duplicate_record=duplicate,
            )
    return None


def resolve_lookups(ctx: SandboxContext, record: dict, index: int) -> dict | None:
    """Fill What_Id's name from the linked record; INVALID_DATA if it does not exist."""
    what = record.get("What_Id")
    if not what:
        return None
    module = record.get("$se_module")
    linked = ctx.store.get(module, what["id"]) if module in MODULES else None
    if linked is None:
        return zoho_errors.invalid_data(
            "What_Id", f"$.data[{index}].What_Id", expected_data_type="jsonobject"
        )
    name = " ".join(filter(None, (linked.get("First_Name"), linked.get("Last_Name"))))
    record["What_Id"] = {"id": what["id"], "name": name or linked.get("Subject", "")}
    return None
