"""Land CRM records (one API page at a time) in raw tables as append-only versions.

A record version is unique on (id, Modified_Time): a page read twice adds nothing, and a record
changed in the CRM adds its new version beside the old one (staging keeps the latest).
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

import duckdb
import pyarrow as pa

from lead_scoring.ingest.naming import raw_column_name
from lead_scoring.ingest.raw_tables import RAW_TABLES

ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
}

LOOKUP_PARTS = ("id", "name", "email")  # what a Zoho lookup field ({"id","name",...}) keeps

# Zoho API names of the fields the pipeline reads, per module
LEAD_FIELDS = (
    "Email", "First_Name", "Last_Name", "Company", "Designation", "Industry",
    "No_of_Employees", "State", "Country", "Lead_Source", "Lead_Status", "Created_Time",
    "Modified_Time", "Owner", "Company_Growth_Rate", "Estimated_Budget", "Purchase_Timeline",
    "Decision_Maker", "Budget_Approved", "Approved_Budget_Amount", "Authority_Confirmed",
    "Pain_Documented", "Confirmed_Timeline", "MEDDIC_Metrics", "MEDDIC_Economic_Buyer",
    "MEDDIC_Decision_Criteria", "MEDDIC_Decision_Process", "MEDDIC_Identified_Pain",
    "MEDDIC_Champion", "Sales_Disposition", "Disposition_Reason", "Disposition_Time",
    "Deal_Outcome", "Deal_Closed_Time", "Lead_Score", "Attribute_Score", "Behavior_Score",
    "Lead_Tier", "Lifecycle_Stage", "Score_Reasons", "Scored_At",
)  # fmt: skip
CALL_FIELDS = (
    "Subject", "Call_Type", "Call_Start_Time", "Call_Duration", "What_Id", "$se_module",
    "Owner", "Created_Time", "Modified_Time",
)  # fmt: skip

CRM_MODULES = {"crm_leads": ("Leads", LEAD_FIELDS), "crm_calls": ("Calls", CALL_FIELDS)}


def flatten_record(record: dict) -> dict:
    """Zoho record -> raw row: API names to raw columns, lookups to `<field>_<part>` columns."""
    row = {}
    for key, value in record.items():
        column = raw_column_name(key)
        if isinstance(value, dict):
            row.update({f"{column}_{p}": value[p] for p in LOOKUP_PARTS if p in value})
        else:
            row[column] = value
    return row


def _arrow_table(table: str, rows: list[dict], source: str) -> pa.Table:
    columns, _ = RAW_TABLES[table]
    schema = pa.schema([(name, ARROW_TYPES[sql_type]) for name, sql_type in columns.items()])
    kept = [{name: row.get(name) for name in columns} for row in rows]
    arrow = pa.Table.from_pylist(kept, schema=schema)
    return arrow.append_column("_source", pa.array([source] * len(kept), pa.string()))


# Records saved in the same second as the newest one landed may have been missed by the last
# read; re-reading a few minutes costs little since versions are deduplicated on (id, time).
INCREMENTAL_LOOKBACK = timedelta(minutes=5)


def modified_since(con: duckdb.DuckDBPyConnection, table: str) -> datetime | None:
    """Where the next incremental read starts: the newest Modified_Time landed, less a margin."""
    latest = con.execute(f"select max(modified_time::timestamptz) from raw.{table}").fetchone()[0]
    return latest - INCREMENTAL_LOOKBACK if latest else None


def load_crm_pages(
    con: duckdb.DuckDBPyConnection,
    table: str,
    pages: Iterable[tuple[str, list[dict]]],
    load_id: str,
) -> int:
    """Insert the new record versions of each (source label, records) page; returns rows added."""
    _, keys = RAW_TABLES[table]
    key_match = " and ".join(f'existing."{k}" = page."{k}"' for k in keys)
    key_list = ", ".join(f'"{k}"' for k in keys)
    inserted = 0
    for source, records in pages:
        page = _arrow_table(table, [flatten_record(r) for r in records], source)  # noqa: F841
        before = con.execute(f"select count(*) from raw.{table}").fetchone()[0]
        con.execute(
            f"""
            insert into raw.{table} by name
            select page.*, now() as _loaded_at, ? as _load_id
            from (
                select * from page qualify row_number() over (partition by {key_list}) = 1
            ) as page
            where not exists (select 1 from raw.{table} existing where {key_match})
            """,
            [load_id],
        )
        inserted += con.execute(f"select count(*) from raw.{table}").fetchone()[0] - before
    return inserted
