"""`lead-scoring spark-export-raw`: every raw source table as one Parquet folder that Spark can
read, JSON as its text, load times as UTC instants, and a second export replaces the first."""

import json
from datetime import UTC, datetime

import pyarrow.parquet as pq

from lead_scoring.ingest.raw_tables import RAW_TABLES
from lead_scoring.spark.raw_parquet import export_raw_parquet
from tests.dbt.dbt_helpers import create_raw_warehouse
from tests.dbt.dbt_sample_rows import lead, web


def test_every_raw_table_is_a_folder_of_parquet_with_json_as_text(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    page = web("m1", "page", "anon-1", 1, name="Pricing", properties={"path": "/pricing"})
    create_raw_warehouse(warehouse, {"crm_leads": [lead("1", "a@x.jp")], "web_events": [page]})

    written = export_raw_parquet(warehouse, tmp_path / "raw")

    assert set(written) == set(RAW_TABLES)
    assert written["crm_leads"] == 1 and written["web_events"] == 1 and written["crm_calls"] == 0
    table = pq.read_table(tmp_path / "raw" / "web_events")
    row = table.to_pylist()[0]
    assert json.loads(row["properties"]) == {"path": "/pricing"}
    assert str(table.schema.field("properties").type) == "string"
    # create_raw_warehouse's load time, 2026-11-19 23:00:00+00
    assert row["_loaded_at"] == datetime(2026, 11, 19, 23, 0, tzinfo=UTC)
    assert pq.read_table(tmp_path / "raw" / "crm_calls").num_rows == 0  # schema, no rows


def test_a_second_export_replaces_the_first(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    create_raw_warehouse(warehouse, {"crm_leads": [lead("1", "a@x.jp"), lead("2", "b@x.jp")]})
    (tmp_path / "raw" / "crm_leads").mkdir(parents=True)
    (tmp_path / "raw" / "crm_leads" / "stale.parquet").write_bytes(b"old")

    export_raw_parquet(warehouse, tmp_path / "raw")

    assert [p.name for p in (tmp_path / "raw" / "crm_leads").iterdir()] == ["part-0.parquet"]
    assert pq.read_table(tmp_path / "raw" / "crm_leads").num_rows == 2
