"""What a valid source record looks like, per raw table.

The loaders check every record against its contract before it lands in raw: a record that
breaks a rule goes to `raw._quarantine` with a reason naming the field; a field that breaks
in every record of a load is schema drift and stops the load. Types come from the raw table
(`raw_tables.py`); the rules below add what the source guarantees (keys, enumerations,
ranges, times that parse and are not in the future).
"""

from dataclasses import dataclass

from lead_scoring.ingest.naming import raw_column_name
from lead_scoring.ingest.raw_tables import RAW_TABLES

# json_type() names DuckDB gives JSON values
SCALARS = ("VARCHAR", "BIGINT", "UBIGINT", "DOUBLE", "BOOLEAN")
KINDS_BY_TYPE = {
    "VARCHAR": SCALARS,  # numbers and booleans keep their text (ids sent as numbers)
    "BIGINT": ("BIGINT", "UBIGINT"),
    "DOUBLE": ("BIGINT", "UBIGINT", "DOUBLE"),
    "BOOLEAN": ("BOOLEAN",),
    "JSON": None,  # anything
}
WORDS_BY_TYPE = {
    "VARCHAR": "text (VARCHAR)",
    "BIGINT": "a whole number (BIGINT)",
    "DOUBLE": "a number (DOUBLE)",
    "BOOLEAN": "true or false (BOOLEAN)",
    "JSON": "any JSON value",
}
OBJECT = ("OBJECT",)
TIME_KINDS = {  # a time field takes only what can be read as a time
    "iso": (("VARCHAR",), "an ISO 8601 time (text)"),
    "unix": (("BIGINT", "UBIGINT"), "Unix seconds (a whole number)"),
}
LOOKUP_PARTS = ("id", "name", "email")  # what a Zoho lookup field ({"id","name",...}) keeps


@dataclass(frozen=True)
class Column:
    name: str  # raw column
    sql_type: str
    path: str  # JSON path inside the field's value: "$", or "$.id" for a lookup part


@dataclass(frozen=True)
class Field:
    key: str  # the source's own field name
    kinds: tuple[str, ...] | None  # accepted JSON types; None = any
    expected: str  # the accepted types in words, for messages
    columns: tuple[Column, ...]
    required: bool = False
    allowed: tuple[str, ...] = ()  # accepted values (exact, as the source documents them)
    minimum: float | None = None
    time: str | None = None  # "iso" or "unix": must parse and must not lie in the future
    email: bool = False


@dataclass(frozen=True)
class Contract:
    table: str
    fields: tuple[Field, ...]
    keys: tuple[str, ...]  # raw columns that make a row unique
    one_of: tuple[tuple[str, ...], ...] = ()  # groups of fields of which one must be present
    all_keys_sent: bool = False  # the source sends every field (null when empty): CRM reads


def _field(table: str, key: str, rule: dict) -> Field:
    columns = RAW_TABLES[table][0]
    name = raw_column_name(key)
    if rule.get("lookup"):
        parts = tuple(
            Column(f"{name}_{p}", "VARCHAR", f"$.{p}")
            for p in LOOKUP_PARTS
            if f"{name}_{p}" in columns
        )
        rule = {k: v for k, v in rule.items() if k != "lookup"}
        return Field(key, OBJECT, 'an object like {"id", "name"}', parts, **rule)
    sql_type = columns[name]
    kinds, expected = TIME_KINDS.get(rule.get("time"), (KINDS_BY_TYPE[sql_type], None))
    kinds = rule.pop("kinds", kinds)
    expected = rule.pop("expected", expected or WORDS_BY_TYPE[sql_type])
    return Field(key, kinds, expected, (Column(name, sql_type, "$"),), **rule)


def contract(table: str, source_keys: tuple[str, ...], rules: dict, **options) -> Contract:
    fields = tuple(_field(table, key, dict(rules.get(key, {}))) for key in source_keys)
    return Contract(table=table, fields=fields, keys=RAW_TABLES[table][1], **options)


SEGMENT_TYPES = ("page", "screen", "track", "identify", "group", "alias")
SENDGRID_EVENTS = (
    "processed",
    "dropped",
    "delivered",
    "deferred",
    "bounce",
    "open",
    "click",
    "spamreport",
    "unsubscribe",
    "group_unsubscribe",
    "group_resubscribe",
)
OBJECT_RULE = {"kinds": OBJECT, "expected": "an object"}

WEB_RULES = {
    "messageId": {"required": True},
    "type": {"required": True, "allowed": SEGMENT_TYPES},
    "timestamp": {"required": True, "time": "iso"},
    "properties": OBJECT_RULE,
    "traits": OBJECT_RULE,
    "context": OBJECT_RULE,
}
EMAIL_RULES = {
    "sg_event_id": {"required": True},
    "email": {"required": True, "email": True},
    "event": {"required": True, "allowed": SENDGRID_EVENTS},
    "timestamp": {"required": True, "time": "unix"},
    "category": {"kinds": ("VARCHAR", "ARRAY"), "expected": "text or a list of text"},
}
LEAD_RULES = {
    "id": {"required": True},
    "Modified_Time": {"required": True, "time": "iso"},  # the incremental read's watermark
    "No_of_Employees": {"minimum": 0},
    "Estimated_Budget": {"minimum": 0},
    "Approved_Budget_Amount": {"minimum": 0},
    "Owner": {"lookup": True},
}
DELETED_RULES = {
    "id": {"required": True},
    "deleted_time": {"required": True, "time": "iso"},
    "deleted_by": {"lookup": True},
}
CALL_RULES = {
    "id": {"required": True},
    "Modified_Time": {"required": True, "time": "iso"},
    "Owner": {"lookup": True},
    "What_Id": {"lookup": True},
}
IMPORT_LEAD_RULES = {
    "lead_id": {"required": True},
    "created_at": {"time": "iso"},
    "fields": OBJECT_RULE,
}
IMPORT_ACTIVITY_RULES = {
    "activity_id": {"required": True},
    "lead_ref": {"required": True},
    "activity": {"required": True},
    "occurred_at": {"required": True, "time": "iso"},
    "properties": OBJECT_RULE,
}
