"""The reverse-ETL fixture is the real model's table: built from the model's enforced contract,
and that contract is what dbt writes (the whole-graph test compares the built table too)."""

import duckdb
import pytest

from tests.reverse_etl.payload_contract import (
    PAYLOAD,
    create_payload_table,
    insert_payloads,
    payload_columns,
    payload_model,
)


def test_the_payload_model_enforces_its_contract_so_dbt_writes_these_columns():
    assert payload_model()["config"]["contract"] == {"enforced": True}
    columns = payload_columns()
    assert all(columns.values()), "every contract column needs a data_type"
    # what the reverse ETL reads: the CRM payload, the hand-off, and the change detection
    assert {"lead_id", "lead_score", "lead_tier", "is_sales_ready", "handed_off_at"} <= set(columns)
    assert {"follow_up_due_at", "payload_hash", "scored_at"} <= set(columns)


def test_the_fixture_table_has_the_contract_columns_and_types():
    with duckdb.connect() as con:
        create_payload_table(con)
        described = con.execute(f"describe {PAYLOAD}").fetchall()

    assert [(name, kind.lower()) for name, kind, *_ in described] == list(payload_columns().items())


def test_a_fixture_row_naming_a_column_outside_the_contract_is_refused():
    with duckdb.connect() as con:
        create_payload_table(con)
        with pytest.raises(ValueError, match=r"has no column\(s\) \['lead_tire'\]"):
            insert_payloads(con, [{"lead_id": "1", "lead_tire": "Hot"}])
