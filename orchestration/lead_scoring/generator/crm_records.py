"""Zoho CRM v8 records as GET /crm/v8/{module} returns them: crm/leads.jsonl and crm/calls.jsonl.

Columns are assembled in numpy (None/NaN for null) and DuckDB's to_json renders each record in
chunks, in id order: nested STRUCTs become the `Owner` and `What_Id` objects, nulls stay null
as Zoho sends them.
"""

from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from lead_scoring.generator import vocab
from lead_scoring.generator.calls import Calls
from lead_scoring.generator.crm_profile import masked
from lead_scoring.generator.leads import ZOHO_ID_BASE, Leads
from lead_scoring.generator.qualification import TIME_FIELDS, Qualification
from lead_scoring.generator.timeline import NEVER, Window
from lead_scoring.generator.writer import write_text

WRITE_BACK_FIELDS = (
    "Lead_Score",
    "Attribute_Score",
    "Behavior_Score",
    "Lead_Tier",
    "Lifecycle_Stage",
    "Score_Reasons",
    "Scored_At",
)
REP_IDS = [str(ZOHO_ID_BASE + 2_450_001 + 1_000 * i) for i in range(len(vocab.SALES_REPS))]
CHUNK = 100_000  # records rendered at a time


def _owner_sql() -> str:
    """A SQL list of the reps' Owner structs; index it with owner + 1."""
    reps = []
    for name, rep_id in zip(vocab.SALES_REPS, REP_IDS, strict=True):
        email = name.lower().replace(" ", ".") + "@" + vocab.OUR_DOMAIN
        reps.append(f"{{'name': '{name}', 'id': '{rep_id}', 'email': '{email}'}}")
    return "[" + ", ".join(reps) + "]"


def display_names(first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """Zoho's record name: "First Last", but family name first when written in kanji."""
    kanji = np.array([not name.isascii() for name in first], dtype=bool)
    return np.where(kanji, last + " " + first, first + " " + last)


def _ms(values: np.ndarray) -> np.ndarray:
    """int64 ms with NEVER for null -> float ms with NaN, so Arrow writes null."""
    return np.where(values == NEVER, np.nan, values.astype(float))


def _write_records(con: duckdb.DuckDBPyConnection, columns: dict, fields: dict, path: Path) -> int:
    """One JSON object per line with `fields` (key -> SQL over the columns), in id order."""
    record = "{" + ", ".join(f"'{key}': {sql}" for key, sql in fields.items()) + "}"
    order = np.argsort(columns["id"], kind="stable")
    with open(path, "wb") as out:
        for start in range(0, len(order), CHUNK):
            rows = order[start : start + CHUNK]
            chunk = pa.table({k: pa.array(v[rows], from_pandas=True) for k, v in columns.items()})
            con.register("crm_chunk", chunk)
            # a plain projection keeps the chunk's row order
            lines = con.sql(f"select to_json({record}) || chr(10) from crm_chunk").to_arrow_table()
            con.unregister("crm_chunk")
            for array in lines.column(0).chunks:
                write_text(out, array)
    return len(order)


def write_leads(
    con: duckdb.DuckDBPyConnection, leads: Leads, qual: Qualification, modified_ms, path: Path
) -> int:
    timelines = np.array([*vocab.PURCHASE_TIMELINES, None], dtype=object)  # -1 -> None
    known = leads.crm_known
    columns = {
        "id": leads.lead_id,
        "owner": leads.owner,
        "Email": leads.email,
        "First_Name": leads.first_name,
        "Last_Name": leads.last_name,
        "Company": leads.company,
        "Designation": masked(leads.title, known["title"]),
        "Industry": masked(np.array(vocab.INDUSTRIES, object)[leads.industry], known["industry"]),
        "No_of_Employees": masked(leads.employees, known["employees"]),
        "State": masked(
            np.array([name for name, _ in vocab.PREFECTURES], object)[leads.state], known["state"]
        ),
        "Lead_Source": np.array(vocab.LEAD_SOURCES, object)[leads.source],
        "Lead_Status": qual.lead_status,
        "created": leads.created_ms,
        "modified": modified_ms,
        "Company_Growth_Rate": masked(leads.growth, known["growth"]),
        "Estimated_Budget": masked(leads.budget, known["budget"]),
        "Purchase_Timeline": masked(timelines[leads.timeline], known["timeline"]),
        "Decision_Maker": leads.decision_maker,
        **{k: _ms(v) if k in TIME_FIELDS else v for k, v in qual.fields.items()},
    }
    fields = {"id": "cast(id as varchar)"}
    fields |= {k: k for k in ("Email", "First_Name", "Last_Name", "Company", "Designation")}
    fields |= {k: k for k in ("Industry", "No_of_Employees", "State")} | {"Country": "'Japan'"}
    fields |= {"Lead_Source": "Lead_Source", "Lead_Status": "Lead_Status"}
    fields |= {"Created_Time": "iso_jst(created)", "Modified_Time": "iso_jst(modified)"}
    fields |= {"Owner": f"{_owner_sql()}[owner + 1]"}
    custom = ("Company_Growth_Rate", "Estimated_Budget", "Purchase_Timeline", "Decision_Maker")
    fields |= {k: k for k in custom}
    fields |= {k: f"iso_jst({k}::bigint)" if k in TIME_FIELDS else k for k in qual.fields}
    fields |= {
        k: "null::bigint" if k.endswith("Score") else "null::varchar" for k in WRITE_BACK_FIELDS
    }
    return _write_records(con, columns, fields, path)


def write_calls(
    con: duckdb.DuckDBPyConnection, leads: Leads, calls: Calls, window: Window, path: Path
) -> int:
    edited = calls.logged_ms + np.where(calls.call_id % 10 == 0, 3 * 3_600_000, 0)
    lead = calls.lead
    columns = {
        "id": calls.call_id,
        "Subject": calls.subject,
        "Call_Type": np.where(calls.inbound, "Inbound", "Outbound").astype(object),
        "start": calls.start_ms,
        "duration": calls.duration_s,
        "lead_id": leads.lead_id[lead],
        "lead_name": display_names(leads.first_name[lead], leads.last_name[lead]),
        "owner": leads.owner[lead],
        "created": calls.logged_ms,
        "modified": np.maximum(calls.logged_ms, np.minimum(edited, window.end_ms - 1000)),
    }
    minutes, seconds = (
        "lpad((duration // 60)::varchar, 2, '0')",
        "lpad((duration % 60)::varchar, 2, '0')",
    )
    fields = {
        "id": "cast(id as varchar)",
        "Subject": "Subject",
        "Call_Type": "Call_Type",
        "Call_Start_Time": "iso_jst(start)",
        "Call_Duration": f"{minutes} || ':' || {seconds}",
        "What_Id": "{'id': cast(lead_id as varchar), 'name': lead_name}",
        "$se_module": "'Leads'",
        "Owner": f"{_owner_sql()}[owner + 1]",
        "Created_Time": "iso_jst(created)",
        "Modified_Time": "iso_jst(modified)",
    }
    return _write_records(con, columns, fields, path)
