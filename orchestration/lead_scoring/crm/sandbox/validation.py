"""Per-record checks on write, answering the way Zoho does (INVALID_DATA, MANDATORY_NOT_FOUND)."""

import re

from lead_scoring.crm.sandbox import zoho_errors
from lead_scoring.crm.sandbox.modules import SYSTEM_FIELDS, FieldType, ModuleSpec
from lead_scoring.crm.sandbox.timefmt import is_date, parse_datetime

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


TYPE_CHECKS = {
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "double": _is_number,
    "boolean": lambda v: isinstance(v, bool),
    "datetime": lambda v: parse_datetime(v) is not None,
    "date": is_date,
    "email": lambda v: isinstance(v, str) and bool(EMAIL_PATTERN.match(v.strip())),
    "lookup": lambda v: isinstance(v, dict) and isinstance(v.get("id"), str),
    "text": lambda v: isinstance(v, str),
    "textarea": lambda v: isinstance(v, str),
    "picklist": lambda v: isinstance(v, str),
}
# Zoho names the expected type in its answer; lookups are "jsonobject" there.
EXPECTED_NAMES = {"lookup": "jsonobject"}


def field_error(field_type: FieldType, value) -> dict | None:
    """Extra details for INVALID_DATA when value does not fit the field, else None."""
    if not TYPE_CHECKS[field_type.kind](value):
        return {"expected_data_type": EXPECTED_NAMES.get(field_type.kind, field_type.kind)}
    if field_type.options and value not in field_type.options:
        return {"expected_data_type": "picklist"}
    if field_type.max_length and len(value) > field_type.max_length:
        return {"maximum_length": str(field_type.max_length)}
    return None


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def record_error(spec: ModuleSpec, record: dict, index: int, *, inserting: bool) -> dict | None:
    """The first problem with one record of a write request, as Zoho's error body."""
    path = f"$.data[{index}]"
    for name, value in record.items():
        field_type = spec.fields.get(name)
        if name in SYSTEM_FIELDS or field_type is None or value is None:
            continue
        problem = field_error(field_type, value)
        if problem:
            return zoho_errors.invalid_data(name, f"{path}.{name}", **problem)
    for name in spec.mandatory:
        if (inserting or name in record) and _blank(record.get(name)):
            return zoho_errors.mandatory_not_found(name, f"{path}.{name}")
    if record.get("What_Id") and not record.get("$se_module"):
        return zoho_errors.mandatory_not_found("$se_module", f"{path}.$se_module")
    return None
