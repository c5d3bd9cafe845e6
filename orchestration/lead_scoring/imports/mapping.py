"""`lead_mapping.csv`: which columns of the user's files (and CRM) mean what.

One row per column: entity (leads | activities | crm), role, column, type, values. dbt reads
the same file as a seed; this module is the Python reader, and it refuses an unknown entity,
role or type naming the row, as the build does.
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path

ROLES = {
    "leads": ("id", "external_id", "email", "created_at", "outcome", "lost", "field"),
    "activities": ("id", "lead_ref", "name", "occurred_at", "field"),
    "crm": ("outcome", "lost", "field"),
}
REQUIRED = {"leads": ("id",), "activities": ("lead_ref", "name", "occurred_at"), "crm": ()}
MANY = ("field", "outcome", "lost")  # every other role names at most one column
TYPES = ("text", "number", "boolean", "timestamp")
LEAD_REF_KINDS = ("email", "lead_id", "external_id")
HEADER = ("entity", "role", "column", "type", "values")


class MappingError(ValueError):
    """The mapping file cannot be used; the message names the file, row and fix."""


@dataclass(frozen=True)
class MappedColumn:
    role: str
    column: str  # the column's name in the user's file (or the Zoho API field name)
    type: str  # text | number | boolean | timestamp
    values: tuple[str, ...] = ()  # outcome / lost: values that count; lead_ref: its kind


@dataclass
class EntityMapping:
    entity: str
    columns: list[MappedColumn] = field(default_factory=list)

    def role(self, role: str) -> MappedColumn | None:
        return next((c for c in self.columns if c.role == role), None)

    def roles(self, role: str) -> list[MappedColumn]:
        """Every row of a role that may repeat (outcome, lost: any of them counts)."""
        return [c for c in self.columns if c.role == role]

    def kept(self) -> list[MappedColumn]:
        """Columns kept as fields/properties (field, outcome, lost), once per column name."""
        seen, kept = set(), []
        for c in self.columns:
            if c.role in ("field", "outcome", "lost") and c.column not in seen:
                seen.add(c.column)
                kept.append(c)
        return kept

    def declared(self) -> set[str]:
        return {c.column for c in self.columns}


@dataclass
class Mapping:
    path: Path
    entities: dict[str, EntityMapping]

    def entity(self, name: str) -> EntityMapping:
        """The entity's columns; raises MappingError if a required role is missing."""
        mapped = self.entities.get(name, EntityMapping(name))
        missing = [r for r in REQUIRED[name] if mapped.role(r) is None]
        if missing:
            roles = ", ".join(missing)
            raise MappingError(
                f"{self.path}: entity {name!r} has no row for role(s) {roles}; add e.g. "
                f"'{name},{missing[0]},<column in your file>,,' (see README 'Score your own data')"
            )
        return mapped


def _row_error(path: Path, line: int, what: str) -> MappingError:
    return MappingError(f"{path} line {line}: {what}")


def _parse_row(path: Path, line: int, row: dict) -> tuple[str, MappedColumn]:
    entity, role = row["entity"].strip().lower(), row["role"].strip().lower()
    column, kind = row["column"].strip(), (row["type"].strip().lower() or "text")
    values = tuple(v.strip() for v in row["values"].split("|") if v.strip())
    if entity not in ROLES:
        raise _row_error(path, line, f"unknown entity {entity!r}; expected {', '.join(ROLES)}")
    if role not in ROLES[entity]:
        expected = ", ".join(ROLES[entity])
        raise _row_error(path, line, f"unknown role {role!r} for {entity}; expected {expected}")
    if kind not in TYPES:
        raise _row_error(path, line, f"unknown type {kind!r}; expected {', '.join(TYPES)}")
    if not column:
        raise _row_error(path, line, f"{entity} {role}: the column is empty")
    if role in ("created_at", "occurred_at"):
        kind = "timestamp"
    if role in ("outcome", "lost") and not values:
        raise _row_error(path, line, f"{entity} {role} {column!r}: list the values, e.g. Won|Yes")
    if role == "lead_ref" and (len(values) != 1 or values[0] not in LEAD_REF_KINDS):
        expected = " | ".join(LEAD_REF_KINDS)
        raise _row_error(path, line, f"activities lead_ref: values must be one of {expected}")
    return entity, MappedColumn(role, column, kind, values)


def read_mapping(path: Path) -> Mapping:
    """The validated mapping; MappingError names the file and row of the first problem."""
    if not path.is_file():
        raise MappingError(
            f"mapping file {path} does not exist: set LEAD_SCORING_PROFILE_DIR to your profile "
            "folder (it holds lead_mapping.csv) or pass --mapping PATH"
        )
    with path.open(newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = tuple(h.strip().lower() for h in next(reader, ()))
        if header != HEADER:
            raise MappingError(f"{path}: the header must be {','.join(HEADER)}")
        entities: dict[str, EntityMapping] = {}
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(HEADER):
                raise _row_error(path, reader.line_num, f"{len(cells)} cells, expected 5")
            row = dict(zip(HEADER, [*cells, "", "", "", "", ""], strict=False))
            entity, mapped = _parse_row(path, reader.line_num, row)
            target = entities.setdefault(entity, EntityMapping(entity))
            if mapped.role not in MANY and target.role(mapped.role):
                raise _row_error(path, reader.line_num, f"{entity} {mapped.role} is mapped twice")
            target.columns.append(mapped)
    return Mapping(path, entities)


def crm_mapping_fields(path: Path) -> tuple[str, ...]:
    """The Zoho API fields the mapping's `crm,field` rows add to the ingest's read; none when
    the profile has no mapping file."""
    if not path.is_file():
        return ()
    crm = read_mapping(path).entities.get("crm", EntityMapping("crm"))
    return tuple(c.column for c in crm.columns if c.role == "field")
