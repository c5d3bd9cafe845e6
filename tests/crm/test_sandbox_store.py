"""The sandbox store's in-place update: only the fields sent change, whatever their values."""

import pytest

from lead_scoring.crm.sandbox.store import PATCH_PAIRS, Store

STORED = {
    "id": "5725767000000000001",
    "Last_Name": "Sato",
    "Email": "sato@example.jp",
    "Lead_Score": 10,
    "Owner": {"name": "Haruka Ito", "id": "6401993000002454001"},
    "Created_Time": "2026-11-01T09:00:00+09:00",
    "Created_By": {"name": "Sandbox Admin", "id": "5725767000000411001"},
}


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "crm.sqlite")
    store.put("Leads", STORED, 100.0, 100.0)
    yield store
    store.close()


def test_an_update_sets_the_fields_sent_and_keeps_the_rest(store):
    fields = {
        "Lead_Score": None,  # cleared: the key stays, as null
        "Score_Reasons": '職種: マネージャー +10; "quoted" \\ back',
        "Owner": {"name": "Ken Mori", "id": "6401993000002454002"},
        "Lead_Tier": "Hot",
        "$se_module": "Leads",
    }
    store.patch("Leads", STORED["id"], fields, 200.0)
    assert store.get("Leads", STORED["id"]) == {**STORED, **fields}
    assert store.query("Leads", modified_after=150.0)[0]["id"] == STORED["id"]


def test_more_fields_than_one_sqlite_call_takes(store):
    fields = {f"Custom_{n}": n for n in range(PATCH_PAIRS * 2 + 7)}
    store.patch("Leads", STORED["id"], fields, 200.0)
    assert store.get("Leads", STORED["id"]) == {**STORED, **fields}


def test_a_name_that_is_no_json_path_label_is_still_written(store):
    fields = {'odd "name" here': 1, "Lead_Score": 20}
    store.patch("Leads", STORED["id"], fields, 200.0)
    assert store.get("Leads", STORED["id"]) == {**STORED, **fields}


def test_created_names_the_record_and_its_creation_only(store):
    assert store.created("Leads", STORED["id"]) == {
        "id": STORED["id"],
        "Created_Time": STORED["Created_Time"],
        "Created_By": STORED["Created_By"],
    }
    assert store.created("Leads", "5725767000000000999") is None
    assert store.created("Calls", STORED["id"]) is None
