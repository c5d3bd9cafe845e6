"""Land CRM records (read one API page at a time) in raw tables as append-only versions.

A record version is unique on (id, Modified_Time): a page read twice adds nothing, and a record
changed in the CRM adds its new version beside the old one (staging keeps the latest). Records
that break the module's contract go to `raw._quarantine`; the rest of their page still loads.
Every page of a read lands in one transaction: a read that fails half-way keeps nothing, so
the next incremental read (from the newest Modified_Time landed) cannot skip the lost pages.
A record whose source-owned fields equal its latest landed version is the echo of our own
write and does not land (`crm_echo`); `echoes` in the result counts them.
"""

import json
from collections.abc import Iterable
from datetime import datetime, timedelta

import duckdb

from lead_scoring import settings
from lead_scoring.crm import CrmCreditBudgetExceeded
from lead_scoring.ingest import crm_echo
from lead_scoring.ingest.contracts import CALL_RULES, DELETED_RULES, LEAD_RULES, contract
from lead_scoring.ingest.errors import NOTHING_KEPT, SourceReadError
from lead_scoring.ingest.file_readers import insert_rows
from lead_scoring.ingest.load_log import LoadResult, record_load
from lead_scoring.ingest.raw_tables import RAW_TABLES
from lead_scoring.ingest.records import drop_records, land_records, start_records
from lead_scoring.ingest.warehouse import transaction

# Zoho API names of the fields the pipeline reads, per module
LEAD_FIELDS = (
    "Email",
    "First_Name",
    "Last_Name",
    "Company",
    "Designation",
    "Industry",
    "No_of_Employees",
    "State",
    "Country",
    "Lead_Source",
    "Lead_Status",
    "Created_Time",
    "Modified_Time",
    "Owner",
    "Company_Growth_Rate",
    "Estimated_Budget",
    "Purchase_Timeline",
    "Decision_Maker",
    "Budget_Approved",
    "Approved_Budget_Amount",
    "Authority_Confirmed",
    "Pain_Documented",
    "Confirmed_Timeline",
    "MEDDIC_Metrics",
    "MEDDIC_Economic_Buyer",
    "MEDDIC_Decision_Criteria",
    "MEDDIC_Decision_Process",
    "MEDDIC_Identified_Pain",
    "MEDDIC_Champion",
    "Issue_Clarity",
    "Product_Understanding",
    "Competitive_Status",
    "Past_Contact",
    "Next_Step",
    "Sales_Disposition",
    "Disposition_Reason",
    "Disposition_Time",
    "Deal_Outcome",
    "Deal_Closed_Time",
    "Lead_Score",
    "Attribute_Score",
    "Behavior_Score",
    "Lead_Tier",
    "Lifecycle_Stage",
    "Score_Reasons",
    "Scored_At",
)
CALL_FIELDS = (
    "Subject",
    "Call_Type",
    "Call_Start_Time",
    "Call_Duration",
    "What_Id",
    "$se_module",
    "Owner",
    "Created_Time",
    "Modified_Time",
)

CRM_MODULES = {"crm_leads": ("Leads", LEAD_FIELDS), "crm_calls": ("Calls", CALL_FIELDS)}


def lead_fields(mapping_fields: tuple[str, ...] = ()) -> list[str]:
    """The Leads fields to read: the standard ones, then the mapping's `crm,field` rows (custom
    fields the rules name; the contract does not know them, so they land in `_extra`)."""
    return list(dict.fromkeys([*LEAD_FIELDS, *mapping_fields]))


CRM_CONTRACTS = {
    "crm_leads": contract("crm_leads", ("id", *LEAD_FIELDS), LEAD_RULES, all_keys_sent=True),
    "crm_calls": contract("crm_calls", ("id", *CALL_FIELDS), CALL_RULES, all_keys_sent=True),
    "crm_deleted_leads": contract(
        "crm_deleted_leads",
        ("id", "display_name", "type", "deleted_time", "deleted_by"),
        DELETED_RULES,
    ),
}

# Records saved in the same second as the newest one landed may have been missed by the last
# read, and our clock may run ahead of the CRM's; re-reading a few minutes costs little since
# versions are deduplicated on (id, time) and echoes are skipped.
INCREMENTAL_LOOKBACK = timedelta(minutes=5)


def modified_since(con: duckdb.DuckDBPyConnection, table: str) -> datetime | None:
    """Where the next incremental read starts: the newest Modified_Time landed, or where the
    last read started (so last night's echoes are not read again), less a margin."""
    landed = con.execute(
        f"select max(try_cast(modified_time as timestamptz)) from raw.{table}"
    ).fetchone()[0]
    marks = [t for t in (landed, crm_echo.read_through(con, table)) if t is not None]
    return max(marks) - INCREMENTAL_LOOKBACK if marks else None


def _pages_or_error(pages: Iterable[tuple[str, list]], table: str, where: str):
    """The pages; a read that fails (HTTP 5xx after retries, unreachable) names the fix."""
    iterator, read = iter(pages), 0
    while True:
        try:
            page = next(iterator)
        except StopIteration:
            return
        except CrmCreditBudgetExceeded as err:
            raise SourceReadError(f"{table}: {err}", where, NOTHING_KEPT) from err
        except Exception as err:
            raise SourceReadError(
                f"{table}: reading the CRM failed after {read} page(s): {err}",
                where,
                "Check that the CRM answers (LEAD_SCORING_CRM_API_DOMAIN, credentials, its "
                f"status page), then re-run. {NOTHING_KEPT}",
            ) from err
        read += 1
        yield page


def _read_pages(con, table: str, pages: Iterable[tuple[str, list]], where: str) -> list[str]:
    """Every page into `_ingest_records`; returns the labels of pages without records."""
    empty = []
    for source, records in _pages_or_error(pages, table, where):
        empty += [] if records else [source]
        insert_rows(
            con,
            [
                {
                    "source": source,
                    "position": number,
                    "problem": None,
                    "payload": json.dumps(record, ensure_ascii=False),
                }
                for number, record in enumerate(records, start=1)
            ],
        )
    return empty


def _distinct_sources(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("select count(distinct source) from _ingest_records").fetchone()[0]


def load_crm_pages(
    con: duckdb.DuckDBPyConnection,
    table: str,
    pages: Iterable[tuple[str, list]],
    load_id: str,
    where: str = "CRM API",
    max_record_bytes: int | None = None,
    read_started: datetime | None = None,
) -> LoadResult:
    """Land the new record versions of each (source label, records) page; one transaction.

    `read_started`: when the read began (the next incremental read starts there)."""
    start_records(con)
    empty = _read_pages(con, table, pages, where)
    # record versions (id, Modified_Time) can echo our own writes; a deletion list cannot
    versions = "modified_time" in RAW_TABLES[table][0]
    try:
        with transaction(con):
            if versions:
                crm_echo.start_versions(con, CRM_CONTRACTS[table])
            sources = _distinct_sources(con)
            echoes = crm_echo.drop_echoes(con, table) if versions else 0
            limit = max_record_bytes or settings.max_record_bytes()
            result = land_records(con, CRM_CONTRACTS[table], load_id, limit)
            result.records_read += echoes  # read, and skipped as the echo of our own write
            result.rows_skipped += echoes
            result.echoes = echoes
            result.empty_sources = empty
            result.sources = sources + len(empty)
            record_load(con, table, load_id, result)
            if versions:
                crm_echo.remember(con, table, load_id, echoes, read_started)
    finally:
        drop_records(con)
        if versions:
            crm_echo.drop_versions(con)
    return result
