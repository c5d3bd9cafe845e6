"""The raw layer's tables: one per source entity, columns named after the source's own fields.

Raw keeps values as the source sent them (timestamps stay ISO-8601 strings, Unix seconds stay
integers); staging models cast. Zoho API names become lower snake case (`No_of_Employees` ->
`no_of_employees`), lookups (`Owner`, `What_Id`) become `<field>_id`, `<field>_name`,
`<field>_email`, and `$se_module` becomes `se_module`. Segment's nested objects stay JSON.
Every table ends with `_extra` (source fields the contract does not know yet, kept as one JSON
object, so a new source field is never lost) and the load metadata columns.
"""

EXTRA_COLUMN = {"_extra": "JSON"}  # fields outside the contract: {"newField": value, ...}

LOAD_METADATA_COLUMNS = {
    "_loaded_at": "TIMESTAMPTZ",  # when this row was written
    "_source": "VARCHAR",  # landing file path, or API module and page
    "_load_id": "VARCHAR",  # one id per ingest run
}

CRM_LEAD_COLUMNS = {
    "id": "VARCHAR",
    "email": "VARCHAR",
    "first_name": "VARCHAR",
    "last_name": "VARCHAR",
    "company": "VARCHAR",
    "designation": "VARCHAR",
    "industry": "VARCHAR",
    "no_of_employees": "BIGINT",
    "state": "VARCHAR",
    "country": "VARCHAR",
    "lead_source": "VARCHAR",
    "lead_status": "VARCHAR",
    "created_time": "VARCHAR",
    "modified_time": "VARCHAR",
    "owner_id": "VARCHAR",
    "owner_name": "VARCHAR",
    "owner_email": "VARCHAR",
    # custom fields the score model reads
    "company_growth_rate": "DOUBLE",  # percent per year, e.g. 12.5
    "estimated_budget": "DOUBLE",  # JPY, from the lead's own form answers
    "purchase_timeline": "VARCHAR",  # Within 3 months | 3-6 months | 6-12 months | Over 12 months
    "decision_maker": "BOOLEAN",  # self-reported or enriched
    # qualification fields a rep fills in (BANT, MEDDIC, disposition, outcome)
    "budget_approved": "BOOLEAN",
    "approved_budget_amount": "DOUBLE",
    "authority_confirmed": "BOOLEAN",
    "pain_documented": "VARCHAR",
    "confirmed_timeline": "VARCHAR",
    "meddic_metrics": "VARCHAR",
    "meddic_economic_buyer": "VARCHAR",
    "meddic_decision_criteria": "VARCHAR",
    "meddic_decision_process": "VARCHAR",
    "meddic_identified_pain": "VARCHAR",
    "meddic_champion": "VARCHAR",
    # the lesson's checklist items besides BANT (picklists, worst option first)
    "issue_clarity": "VARCHAR",  # Unclear | Aware | Concrete
    "product_understanding": "VARCHAR",  # None | Basic | Detailed
    "competitive_status": "VARCHAR",  # Competitor leads | Comparing | No alternative | We lead
    "past_contact": "VARCHAR",  # None | Content | Event | Meeting
    "next_step": "VARCHAR",  # None | Meeting agreed | Demo agreed | Proposal requested
    "sales_disposition": "VARCHAR",  # Accepted | Rejected | Recycled
    "disposition_reason": "VARCHAR",
    "disposition_time": "VARCHAR",
    "deal_outcome": "VARCHAR",  # Won | Lost
    "deal_closed_time": "VARCHAR",
    # fields this pipeline writes back (read back so a diff can be seen)
    "lead_score": "BIGINT",
    "attribute_score": "BIGINT",
    "behavior_score": "BIGINT",
    "lead_tier": "VARCHAR",
    "lifecycle_stage": "VARCHAR",
    "score_reasons": "VARCHAR",
    "scored_at": "VARCHAR",
}

CRM_CALL_COLUMNS = {
    "id": "VARCHAR",
    "subject": "VARCHAR",
    "call_type": "VARCHAR",  # Outbound | Inbound
    "call_start_time": "VARCHAR",
    "call_duration": "VARCHAR",  # Zoho sends "mm:ss"
    "what_id_id": "VARCHAR",  # the lead's id when se_module = 'Leads'
    "what_id_name": "VARCHAR",
    "se_module": "VARCHAR",
    "owner_id": "VARCHAR",
    "owner_name": "VARCHAR",
    "owner_email": "VARCHAR",
    "created_time": "VARCHAR",
    "modified_time": "VARCHAR",
}

CRM_DELETED_LEAD_COLUMNS = {  # GET /Leads/deleted (a merge deletes the records merged away)
    "id": "VARCHAR",
    "display_name": "VARCHAR",
    "type": "VARCHAR",  # recycle | permanent
    "deleted_time": "VARCHAR",
    "deleted_by_id": "VARCHAR",
    "deleted_by_name": "VARCHAR",
    "deleted_by_email": "VARCHAR",
}

WEB_EVENT_COLUMNS = {
    "message_id": "VARCHAR",
    "type": "VARCHAR",  # page | track | identify
    "event": "VARCHAR",  # track event name
    "name": "VARCHAR",  # page name
    "anonymous_id": "VARCHAR",
    "user_id": "VARCHAR",
    "timestamp": "VARCHAR",
    "sent_at": "VARCHAR",
    "received_at": "VARCHAR",
    "properties": "JSON",
    "traits": "JSON",
    "context": "JSON",
}

EMAIL_EVENT_COLUMNS = {
    "sg_event_id": "VARCHAR",
    "sg_message_id": "VARCHAR",
    "email": "VARCHAR",
    "event": "VARCHAR",
    "timestamp": "BIGINT",  # Unix seconds, as SendGrid sends it
    "url": "VARCHAR",
    "category": "JSON",  # a string or a list of strings
    "useragent": "VARCHAR",
    "ip": "VARCHAR",
    "reason": "VARCHAR",
    "status": "VARCHAR",
    "type": "VARCHAR",  # bounce | blocked, on bounce events
    "response": "VARCHAR",
    "attempt": "VARCHAR",
    "smtp_id": "VARCHAR",  # SendGrid's "smtp-id"
    "asm_group_id": "BIGINT",
    "marketing_campaign_id": "VARCHAR",
}

# Leads and activities imported from files; columns as the profile's lead_mapping.csv maps them.
IMPORT_LEAD_COLUMNS = {
    "lead_id": "VARCHAR",
    "external_id": "VARCHAR",
    "email": "VARCHAR",
    "created_at": "VARCHAR",  # ISO 8601, UTC
    "fields": "JSON",  # every mapped column by its name in the file, typed per the mapping
    "_record_hash": "VARCHAR",  # a changed row lands as a new version; an unchanged one never
}

IMPORT_ACTIVITY_COLUMNS = {
    "activity_id": "VARCHAR",
    "lead_ref": "VARCHAR",
    "lead_ref_type": "VARCHAR",  # email | lead_id | external_id
    "activity": "VARCHAR",  # the activity's name as the file has it, e.g. "Page Visited"
    "occurred_at": "VARCHAR",  # ISO 8601, UTC
    "properties": "JSON",  # mapped property columns, typed per the mapping
}

# table name in schema `raw` -> (columns, key columns that make a row unique)
RAW_TABLES = {
    "crm_leads": (CRM_LEAD_COLUMNS, ("id", "modified_time")),
    "crm_calls": (CRM_CALL_COLUMNS, ("id", "modified_time")),
    "crm_deleted_leads": (CRM_DELETED_LEAD_COLUMNS, ("id", "deleted_time")),
    "web_events": (WEB_EVENT_COLUMNS, ("message_id",)),
    "email_events": (EMAIL_EVENT_COLUMNS, ("sg_event_id",)),
    "import_leads": (IMPORT_LEAD_COLUMNS, ("lead_id", "_record_hash")),
    "import_activities": (IMPORT_ACTIVITY_COLUMNS, ("activity_id",)),
}


def column_sql(name: str, sql_type: str) -> str:
    """A raw column's definition. Raw is written once and scanned, never read row by row, so
    its text is stored with zstd: the 1M bench's new day (966k web and 466k e-mail events) was
    written in 2.2 s where DuckDB's own choice per segment (dictionary, FSST) took 2.9-3.0 s,
    and takes 10% less disk. Reading it back costs more (staging's JSON extraction of the web
    day: 0.42 s against 0.30), which a night pays for its new load only and a full refresh
    for the history. DuckDB cannot change a column's compression: older tables keep theirs."""
    compression = " using compression zstd" if sql_type in ("VARCHAR", "JSON") else ""
    return f'"{name}" {sql_type}{compression}'


def create_table_sql(table: str) -> str:
    """DDL for one raw table, including the load metadata columns."""
    columns, _ = RAW_TABLES[table]
    every = {**columns, **EXTRA_COLUMN, **LOAD_METADATA_COLUMNS}
    body = ",\n    ".join(column_sql(name, sql_type) for name, sql_type in every.items())
    return f"create table if not exists raw.{table} (\n    {body}\n)"


def add_missing_columns_sql(table: str) -> list[str]:
    """Columns added to the contract since a warehouse was created (`_extra`)."""
    return [
        f"alter table raw.{table} add column if not exists {column_sql(name, sql_type)}"
        for name, sql_type in EXTRA_COLUMN.items()
    ]
