import pytest

from lead_scoring.ingest.crm_records import (
    CRM_CONTRACTS,
    CRM_MODULES,
    load_crm_pages,
    modified_since,
)
from lead_scoring.ingest.raw_tables import RAW_TABLES
from lead_scoring.ingest.warehouse import connect, ensure_raw_schema


def _lead(lead_id: str, modified: str, **fields) -> dict:
    """A Leads record as Zoho sends it: every requested field, null when empty."""
    return {
        **dict.fromkeys(CRM_MODULES["crm_leads"][1]),
        "id": lead_id,
        "Email": f"{lead_id}@example.co.jp",
        "Last_Name": "Sato",
        "No_of_Employees": 250,
        "Decision_Maker": True,
        "Company_Growth_Rate": 12.5,
        "Owner": {"name": "Aiko Tanaka", "id": "900001", "email": "aiko@example.co.jp"},
        "Modified_Time": modified,
        **fields,
    }


@pytest.fixture
def con(tmp_path):
    with connect(tmp_path / "warehouse.duckdb") as con:
        ensure_raw_schema(con)
        yield con


@pytest.mark.parametrize("table", CRM_MODULES)
def test_every_requested_field_has_raw_columns(table):
    _, fields = CRM_MODULES[table]
    columns, _ = RAW_TABLES[table]
    by_key = {field.key: field for field in CRM_CONTRACTS[table].fields}
    for name in fields:
        assert by_key[name].columns, name
        assert {column.name for column in by_key[name].columns} <= set(columns), name


def test_lookup_fields_become_id_name_email_columns(con):
    load_crm_pages(con, "crm_leads", [("p1", [_lead("1", "2026-11-20T10:00:00+09:00")])], "a")
    row = con.execute(
        "select owner_id, owner_name, owner_email, no_of_employees from raw.crm_leads"
    )
    assert row.fetchone() == ("900001", "Aiko Tanaka", "aiko@example.co.jp", 250)


def test_pages_land_each_record_version_once(con):
    page_1 = [_lead("1", "2026-11-20T10:00:00+09:00"), _lead("2", "2026-11-20T11:00:00+09:00")]
    changed = [_lead("1", "2026-11-21T09:00:00+09:00", No_of_Employees=600)]

    first = load_crm_pages(con, "crm_leads", [("Leads page 1", page_1)], load_id="a")
    repeat = load_crm_pages(con, "crm_leads", [("Leads page 1", page_1)], load_id="b")
    update = load_crm_pages(con, "crm_leads", [("Leads page 1", changed)], load_id="c")

    inserted = (first.rows_inserted, repeat.rows_inserted, update.rows_inserted)
    assert inserted == (2, 0, 1)
    assert repeat.rows_skipped == 2
    versions = con.execute(
        "select no_of_employees from raw.crm_leads where id = '1' order by modified_time"
    ).fetchall()
    assert versions == [(250,), (600,)]
    since = modified_since(con, "crm_leads")
    assert since.isoformat().startswith("2026-11-20T23:55:00")  # 09:00 +09:00 in UTC, less 5 min
