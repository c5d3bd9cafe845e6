"""Zoho CRM v8 records as GET /crm/v8/{module} returns them: crm/leads.jsonl and crm/calls.jsonl.

Columns are assembled in numpy (None/NaN for null), and DuckDB writes them with COPY ... (FORMAT
json): nested STRUCTs become the nested `Owner` and `What_Id` objects, nulls stay null as Zoho
sends them.
"""

from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from lead_scoring.generator import vocab
from lead_scoring.generator.calls import Calls
from lead_scoring.generator.leads import ZOHO_ID_BASE, Leads
from lead_scoring.generator.qualification import TIME_FIELDS, Qualification
from lead_scoring.generator.timeline import NEVER, Window

WRITE_BACK_FIELDS = (
    "Lead_Score", "Attribute_Score", "Behavior_Score", "Lead_Tier", "Lifecycle_Stage",
    "Score_Reasons", "Scored_At",
)  # fmt: skip
REP_IDS = [str(ZOHO_ID_BASE + 2_450_001 + 1_000 * i) for i in range(len(vocab.SALES_REPS))]


def _register(con: duckdb.DuckDBPyConnection, name: str, columns: dict) -> None:
    con.register(name, pa.table({k: pa.array(v, from_pandas=True) for k, v in columns.items()}))


def _reps(con: duckdb.DuckDBPyConnection) -> None:
    emails = [name.lower().replace(" ", ".") + "@" + vocab.OUR_DOMAIN for name in vocab.SALES_REPS]
    _register(con, "crm_reps", {
        "rep": np.arange(len(vocab.SALES_REPS)), "rep_name": np.array(vocab.SALES_REPS, object),
        "rep_id": np.array(REP_IDS, object), "rep_email": np.array(emails, object),
    })  # fmt: skip


def display_names(first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """Zoho's record name: "First Last", but family name first when written in kanji."""
    kanji = np.array([not name.isascii() for name in first], dtype=bool)
    return np.where(kanji, last + " " + first, first + " " + last)


def _ms(values: np.ndarray) -> np.ndarray:
    """int64 ms with NEVER for null -> float ms with NaN, so Arrow writes null."""
    return np.where(values == NEVER, np.nan, values.astype(float))


def write_leads(
    con: duckdb.DuckDBPyConnection, leads: Leads, qual: Qualification, modified_ms, path: Path
) -> int:
    timelines = np.array([*vocab.PURCHASE_TIMELINES, None], dtype=object)  # -1 -> None
    columns = {
        "id": leads.lead_id, "owner": leads.owner,
        "Email": leads.email, "First_Name": leads.first_name, "Last_Name": leads.last_name,
        "Company": leads.company, "Designation": leads.title,
        "Industry": np.array(vocab.INDUSTRIES, object)[leads.industry],
        "No_of_Employees": leads.employees,
        "State": np.array([name for name, _ in vocab.PREFECTURES], object)[leads.state],
        "Lead_Source": np.array(vocab.LEAD_SOURCES, object)[leads.source],
        "Lead_Status": qual.lead_status,
        "created": leads.created_ms, "modified": modified_ms,
        "Company_Growth_Rate": leads.growth, "Estimated_Budget": leads.budget,
        "Purchase_Timeline": timelines[leads.timeline], "Decision_Maker": leads.decision_maker,
        **{k: _ms(v) if k in TIME_FIELDS else v for k, v in qual.fields.items()},
    }  # fmt: skip
    _register(con, "crm_lead_cols", columns)
    _reps(con)
    qualification = ", ".join(
        f"iso_jst({k}::bigint) as {k}" if k in TIME_FIELDS else k for k in qual.fields
    )
    write_back = ", ".join(
        f"null::{'bigint' if k.endswith('Score') else 'varchar'} as {k}" for k in WRITE_BACK_FIELDS
    )
    con.execute(f"""
        copy (
            select cast(l.id as varchar) as id, Email, First_Name, Last_Name, Company, Designation,
                Industry, No_of_Employees, State, 'Japan' as Country, Lead_Source, Lead_Status,
                iso_jst(created) as Created_Time, iso_jst(modified) as Modified_Time,
                {{'name': rep_name, 'id': rep_id, 'email': rep_email}} as Owner,
                Company_Growth_Rate, Estimated_Budget, Purchase_Timeline, Decision_Maker,
                {qualification}, {write_back}
            from crm_lead_cols l join crm_reps r on r.rep = l.owner
            order by l.id
        ) to '{path}' (format json)
    """)
    con.unregister("crm_lead_cols")
    return len(leads)


def write_calls(
    con: duckdb.DuckDBPyConnection, leads: Leads, calls: Calls, window: Window, path: Path
) -> int:
    edited = calls.logged_ms + np.where(calls.call_id % 10 == 0, 3 * 3_600_000, 0)
    lead = calls.lead
    _register(con, "crm_call_cols", {
        "id": calls.call_id, "Subject": calls.subject,
        "Call_Type": np.where(calls.inbound, "Inbound", "Outbound").astype(object),
        "start": calls.start_ms, "duration": calls.duration_s,
        "lead_id": leads.lead_id[lead],
        "lead_name": display_names(leads.first_name[lead], leads.last_name[lead]),
        "owner": leads.owner[lead], "created": calls.logged_ms,
        "modified": np.minimum(edited, window.end_ms - 1000),
    })  # fmt: skip
    _reps(con)
    con.execute(f"""
        copy (
            select cast(c.id as varchar) as id, Subject, Call_Type,
                iso_jst(start) as Call_Start_Time,
                lpad((duration // 60)::varchar, 2, '0') || ':'
                    || lpad((duration % 60)::varchar, 2, '0') as Call_Duration,
                {{'id': cast(lead_id as varchar), 'name': lead_name}} as What_Id,
                'Leads' as "$se_module",
                {{'name': rep_name, 'id': rep_id, 'email': rep_email}} as Owner,
                iso_jst(created) as Created_Time,
                iso_jst(greatest(created, modified)) as Modified_Time
            from crm_call_cols c join crm_reps r on r.rep = c.owner
            order by c.id
        ) to '{path}' (format json)
    """)
    con.unregister("crm_call_cols")
    return len(calls.lead)
