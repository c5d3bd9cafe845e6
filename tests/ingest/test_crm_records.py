from datetime import UTC, datetime, timedelta

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


def test_our_own_write_is_an_echo_and_a_persons_edit_lands(con):
    first = [_lead("1", "2026-11-20T10:00:00+09:00"), _lead("2", "2026-11-20T10:00:00+09:00")]
    load_crm_pages(con, "crm_leads", [("p1", first)], load_id="a")
    # the sync wrote scores: Zoho bumped Modified_Time, source-owned fields are unchanged
    ours = {"Lead_Score": 70, "Lead_Tier": "Hot", "Scored_At": "2026-11-21T01:00:00+09:00"}
    echoed = [_lead(i, "2026-11-21T01:00:00+09:00", **ours) for i in ("1", "2")]
    echo = load_crm_pages(con, "crm_leads", [("p2", echoed)], load_id="b")
    assert (echo.records_read, echo.rows_inserted, echo.echoes) == (2, 0, 2)
    # a person edits lead 2 (and the sync's fields are still there): exactly one version
    edited = _lead("2", "2026-11-21T09:30:00+09:00", Designation="CEO", **ours)
    edit = load_crm_pages(con, "crm_leads", [("p3", [echoed[0], edited])], load_id="c")
    assert (edit.rows_inserted, edit.echoes) == (1, 1)
    versions = con.execute("select id, count(*) from raw.crm_leads group by id order by id")
    assert versions.fetchall() == [("1", 1), ("2", 2)]
    # the next read starts after the newest version read, echoes included (less 5 minutes)
    since = modified_since(con, "crm_leads")
    assert since.isoformat().startswith("2026-11-21T00:25:00")  # 09:30 +09:00 in UTC - 5 min


def test_the_next_read_starts_where_the_last_read_started(con):
    """Last night's echoes are not read again each night: the read's start is remembered."""
    started = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
    page = [_lead("1", "2026-11-20T10:00:00+09:00")]
    load_crm_pages(con, "crm_leads", [("p1", page)], "a", read_started=started)
    assert modified_since(con, "crm_leads") == started - timedelta(minutes=5)


def test_an_echo_after_a_bulk_style_lookup_is_still_an_echo(con):
    """The hash keeps a lookup's id only: a record read with the owner as an id alone (as a
    bulk read gives it) is the same source content as with name and e-mail."""
    load_crm_pages(con, "crm_leads", [("p1", [_lead("1", "2026-11-20T10:00:00+09:00")])], "a")
    slim = _lead("1", "2026-11-21T10:00:00+09:00", Owner={"id": "900001"})
    slim["No_of_Employees"] = 250.0  # a number read from text
    assert load_crm_pages(con, "crm_leads", [("p2", [slim])], "b").echoes == 1
