"""An imported row -> the raw record it lands as (`raw.import_leads` / `raw.import_activities`).

The mapping says which column is the id, e-mail, time, outcome and which columns to keep; each
kept column is typed (number, boolean, timestamp, text) into `fields` / `properties` under its
original name. A row whose id is empty, whose cell cannot be typed, which has a value in a
column the mapping does not declare (JSON lines), or which repeats an id of the same file with
other content gets a reason naming the file, row and column, and goes to quarantine.
"""

import hashlib
import json

from lead_scoring.imports.mapping import EntityMapping, MappedColumn
from lead_scoring.imports.readers import Row
from lead_scoring.imports.values import BadValue, typed

# mapped role -> raw column, per entity
LEAD_ROLES = {"id": "lead_id", "external_id": "external_id", "email": "email"}
LEAD_ROLES |= {"created_at": "created_at"}
ACTIVITY_ROLES = {"lead_ref": "lead_ref", "name": "activity", "occurred_at": "occurred_at"}
REQUIRED_ROLES = {"leads": ("id",), "activities": ("lead_ref", "name", "occurred_at")}


class RowProblem(ValueError):
    """What is wrong with one row, as the quarantine reason shows it."""


def content_hash(content: dict) -> str:
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _cell(file_name: str, row: Row, column: MappedColumn, required: bool):
    raw = row.values.get(column.column)
    try:
        value = typed(raw, column.type)
    except BadValue as err:
        raise RowProblem(f'{file_name} row {row.number}, column "{column.column}": {err}') from err
    if value is None and required:
        raise RowProblem(
            f'{file_name} row {row.number}, column "{column.column}": the {column.role} is empty'
        )
    return value


def _undeclared(file_name: str, row: Row, mapping: EntityMapping, strict: bool) -> dict:
    """Cells of columns the mapping does not name: a problem in JSON lines (`strict`, a key
    the mapping does not declare), kept in `_extra` for CSV/Parquet (a column of the file)."""
    extra = {k: v for k, v in row.values.items() if k not in mapping.declared()}
    if strict:
        present = sorted(k for k, v in extra.items() if v is not None)
        if present:
            names = ", ".join(f'"{k}"' for k in present[:5])
            raise RowProblem(
                f"{file_name} row {row.number}: column(s) {names} not declared in the mapping"
            )
        return {}
    return {k: v for k, v in extra.items() if v not in (None, "")}


def _kept(file_name: str, row: Row, mapping: EntityMapping) -> dict:
    return {c.column: _cell(file_name, row, c, False) for c in mapping.kept()}


def _roles(file_name: str, row: Row, mapping: EntityMapping, roles: dict, entity: str) -> dict:
    found = {}
    for role, raw_column in roles.items():
        column = mapping.role(role)
        required = role in REQUIRED_ROLES[entity]
        found[raw_column] = _cell(file_name, row, column, required) if column else None
    return found


def lead_record(file_name: str, row: Row, mapping: EntityMapping, strict: bool) -> tuple:
    """(key, record) of a good row; RowProblem for a bad one."""
    record = _roles(file_name, row, mapping, LEAD_ROLES, "leads")
    record["fields"] = _kept(file_name, row, mapping)
    extra = _undeclared(file_name, row, mapping, strict)
    record["_record_hash"] = content_hash(record)
    return record["lead_id"], _with_extra(record, extra)


def activity_record(file_name: str, row: Row, mapping: EntityMapping, strict: bool) -> tuple:
    record = _roles(file_name, row, mapping, ACTIVITY_ROLES, "activities")
    record["lead_ref_type"] = mapping.role("lead_ref").values[0]
    record["properties"] = _kept(file_name, row, mapping)
    extra = _undeclared(file_name, row, mapping, strict)
    id_column = mapping.role("id")
    record["activity_id"] = (
        _cell(file_name, row, id_column, True) if id_column else "h" + content_hash(record)
    )
    return record["activity_id"], _with_extra(record, extra)


def _with_extra(record: dict, extra: dict) -> dict:
    """Unmapped columns beside the record (they land in `_extra`), renamed if a name clashes."""
    return record | {(f"{k} (unmapped)" if k in record else k): v for k, v in extra.items()}


BUILDERS = {"leads": lead_record, "activities": activity_record}


class RepeatTracker:
    """Within one file, the first row of an id wins; a later row with the same id and the same
    content is a repeat (skipped when landing), one with other content is a problem."""

    def __init__(self, file_name: str):
        self.file_name, self.first = file_name, {}

    def check(self, row: Row, key: str, record: dict) -> None:
        digest = content_hash(record)
        first = self.first.setdefault(key, (row.number, digest))
        if first[1] != digest:
            raise RowProblem(
                f'{self.file_name} row {row.number}: id "{key}" repeats row {first[0]} '
                "with other content"
            )
