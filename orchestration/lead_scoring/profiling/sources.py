"""What `lead-scoring profile` reads: one row per lead with its outcome, and its activities.

Imported leads when there are any (`staging.stg_import__leads` after a run, else the newest
version of each in `raw.import_leads`), else the CRM's (`staging.stg_zoho__leads` after a run,
else the newest version in `raw.crm_leads`). Activities: imported ones (staged, else raw;
linked by the mapping's lead reference), else the web and e-mail activities dbt resolved
(`intermediate.int_lead_activities`). The outcome is the mapping's: converted when the outcome
column holds one of its values, never when the lost column holds one of its (lost is never
converted).
"""

from dataclasses import dataclass

import duckdb

from lead_scoring.imports.mapping import EntityMapping, MappedColumn, Mapping
from lead_scoring.ingest.record_sql import literal
from lead_scoring.ingest.warehouse import table_columns

SQL_KINDS = {
    "number": ("BIGINT", "INTEGER", "DOUBLE", "DECIMAL", "FLOAT", "HUGEINT", "SMALLINT"),
    "boolean": ("BOOLEAN",),
    "text": ("VARCHAR",),
}
# CRM columns that are ids, times, our own write-back or free text: not criteria
CRM_SKIPPED = {
    *("id", "lead_id", "email", "first_name", "last_name", "company", "created_time"),
    *("modified_time", "owner_id", "owner_email", "lead_score", "attribute_score"),
    *("behavior_score", "lead_tier", "lifecycle_stage", "score_reasons", "scored_at"),
}


def rule_activity(name_sql: str) -> str:
    """An imported activity's name as behavior rules name it: lower snake case (spaces -> _)."""
    return f"replace(lower(trim({name_sql})), ' ', '_')"


@dataclass(frozen=True)
class LeadColumn:
    name: str  # as a rule's `field` names it
    kind: str  # text | number | boolean
    sql: str  # its value, over `_profile_leads`


@dataclass
class Source:
    leads_from: str  # which table the leads came from
    activities_from: str | None
    columns: list[LeadColumn]
    has_outcome: bool


def _exists(con, schema: str, table: str) -> bool:
    return bool(table_columns(con, schema, table))


def _rows(con, schema: str, table: str) -> int:
    if not _exists(con, schema, table):
        return 0
    return con.execute(f"select count(*) from {schema}.{table}").fetchone()[0]


def _matches(value_sql: str, values: tuple[str, ...]) -> str:
    listed = ", ".join(literal(v.lower()) for v in values)
    return f"coalesce(lower(trim({value_sql}::varchar)) in ({listed}), false)"


def _outcome_sql(entity: EntityMapping, value_of) -> tuple[str, bool]:
    """Converted: any outcome row's column holds one of its values, and no lost row's does."""
    outcomes, lost = entity.roles("outcome"), entity.roles("lost")
    if not outcomes:
        return "null::boolean", False
    converted = " or ".join(_matches(value_of(c.column), c.values) for c in outcomes)
    never = " or ".join(_matches(value_of(c.column), c.values) for c in lost) or "false"
    return f"(({converted}) and not ({never}))", True


def _field_text(name: str) -> str:
    return f"(fields->>{literal('$.' + json_key(name))})"


def _field_sql(column: MappedColumn) -> str:
    text = _field_text(column.column)
    casts = {"number": "double", "boolean": "boolean"}
    return f"try_cast({text} as {casts[column.type]})" if column.type in casts else text


def json_key(name: str) -> str:
    return '"' + name.replace('"', '\\"') + '"'


IMPORTED_LEADS = {  # where imported leads are read from, staged (after a run) first
    "staging.stg_import__leads": "select lead_id, email, external_id, "
    "custom_fields::json as fields from staging.stg_import__leads",
    "raw.import_leads": "select lead_id, email, external_id, fields from raw.import_leads "
    "qualify row_number() over (partition by lead_id order by _loaded_at desc) = 1",
}
IMPORTED_ACTIVITIES = {
    "staging.stg_import__activities": "select lead_ref, lead_ref_type, activity_type as "
    "activity, properties::json as properties from staging.stg_import__activities",
    "raw.import_activities": "select lead_ref, lead_ref_type, "
    f"{rule_activity('activity')} as activity, properties from raw.import_activities",
}


def _first_with_rows(con, relations: dict[str, str]) -> tuple[str, str] | None:
    for name, sql in relations.items():
        if _rows(con, *name.split(".")):
            return name, sql
    return None


def _imported_leads(con, mapping: Mapping, relation: str) -> tuple[list[LeadColumn], bool]:
    entity = mapping.entities.get("leads", EntityMapping("leads"))
    converted, has_outcome = _outcome_sql(entity, _field_text)
    con.execute(f"""
        create or replace temp view _profile_leads as
        select lead_id, email, external_id, fields, {converted} as converted
        from ({relation})
    """)
    skipped = {c.column for c in entity.columns if c.role in ("outcome", "lost")}
    columns = [
        LeadColumn(c.column, c.type, _field_sql(c))
        for c in entity.kept()
        if c.column not in skipped and c.type != "timestamp"
    ]
    domain = "nullif(lower(split_part(email, '@', 2)), '')"
    return [*columns, LeadColumn("email_domain", "text", domain)], has_outcome


def _kind(sql_type: str) -> str | None:
    base = sql_type.split("(")[0].upper()
    return next((k for k, types in SQL_KINDS.items() if base in types), None)


def _crm_leads(con, mapping: Mapping) -> tuple[str, list[LeadColumn], bool]:
    staged = _exists(con, "staging", "stg_zoho__leads")
    table = "staging.stg_zoho__leads" if staged else "raw.crm_leads"
    key = "lead_id" if "lead_id" in table_columns(con, *table.split(".")) else "id"
    entity = mapping.entities.get("crm", EntityMapping("crm"))
    converted, has_outcome = _outcome_sql(entity, lambda c: f'"{c}"')
    newest = (
        ""
        if staged
        else "qualify row_number() over (partition by id order by modified_time desc) = 1"
    )
    con.execute(f"""
        create or replace temp view _profile_leads as
        select *, {key} as lead_id, {converted} as converted from {table} {newest}
    """)
    schema, name = table.split(".")
    types = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, name],
    ).fetchall()
    outcome_columns = {c.column for c in entity.columns if c.role in ("outcome", "lost")}
    columns = [
        LeadColumn(c, _kind(t), f'"{c}"')
        for c, t in types
        if _kind(t) and c not in CRM_SKIPPED and c not in outcome_columns and not c.startswith("_")
    ]
    return table, columns, has_outcome


def _imported_activities(con, relation: str) -> None:
    joins = {"email": "lower(l.email) = lower(a.lead_ref)", "lead_id": "l.lead_id = a.lead_ref"}
    joins["external_id"] = "l.external_id = a.lead_ref"
    parts = [
        f"select l.lead_id, a.activity, a.properties "
        f"from ({relation}) a join _profile_leads l on {on} "
        f"where a.lead_ref_type = {literal(kind)}"
        for kind, on in joins.items()
    ]
    con.execute("create or replace temp view _profile_activities as " + " union all ".join(parts))


def _resolved_activities(con) -> None:
    """Web, e-mail and imported activities as dbt resolved them (per person: an e-mail)."""
    con.execute("""
        create or replace temp view _profile_activities as
        select l.lead_id, a.activity_type as activity, try_cast(a.properties as json) as properties
        from intermediate.int_lead_activities a
        join intermediate.int_leads i on i.person_key = a.person_key
        join _profile_leads l on l.lead_id = i.lead_id
    """)


def open_source(con: duckdb.DuckDBPyConnection, mapping: Mapping) -> Source:
    """Create the temp views `_profile_leads` and `_profile_activities` and say what they hold."""
    imported = _first_with_rows(con, IMPORTED_LEADS)
    if imported:
        leads_from = imported[0]
        columns, has_outcome = _imported_leads(con, mapping, imported[1])
    elif _rows(con, "raw", "crm_leads") or _rows(con, "staging", "stg_zoho__leads"):
        leads_from, columns, has_outcome = _crm_leads(con, mapping)
    else:
        raise ValueError(
            "no leads to profile: raw.import_leads and raw.crm_leads are empty. Import a file "
            "first (`lead-scoring import leads FILE`) or run the pipeline against your CRM."
        )
    activities_from = None
    imported = _first_with_rows(con, IMPORTED_ACTIVITIES)
    if imported:
        activities_from = imported[0]
        _imported_activities(con, imported[1])
    elif _exists(con, "intermediate", "int_lead_activities") and _exists(
        con, "intermediate", "int_leads"
    ):
        _resolved_activities(con)
        activities_from = "intermediate.int_lead_activities"
    return Source(leads_from, activities_from, columns, has_outcome)
