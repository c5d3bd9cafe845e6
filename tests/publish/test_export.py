"""The score export: CSV and Parquet of marts.lead_scores, each replaced whole."""

import csv

import duckdb
import pyarrow.parquet as pq
import pytest

from lead_scoring.publish.export import export_lead_scores


@pytest.fixture
def con(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        con.execute("create schema marts")
        con.execute(
            "create table marts.lead_scores as select * from (values "
            "('L2', 'b@example.com', 40, 'Warm'), ('L1', 'a@example.com', 75, 'Hot')) "
            "as t(lead_id, email, total_score, tier)"
        )
        yield con


def test_both_files_hold_every_row_in_lead_id_order(con, tmp_path):
    exported = export_lead_scores(con, tmp_path / "export", "run-1")

    assert exported.rows == 2
    with (tmp_path / "export" / "lead_scores.csv").open() as f:
        assert list(csv.reader(f)) == [
            ["lead_id", "email", "total_score", "tier"],
            ["L1", "a@example.com", "75", "Hot"],
            ["L2", "b@example.com", "40", "Warm"],
        ]
    parquet = pq.read_table(tmp_path / "export" / "lead_scores.parquet").to_pylist()
    assert [r["lead_id"] for r in parquet] == ["L1", "L2"]
    assert sorted(p.name for p in (tmp_path / "export").iterdir()) == [
        "lead_scores.csv",
        "lead_scores.parquet",
    ]


def test_a_failed_export_leaves_the_last_good_files(con, tmp_path):
    export_lead_scores(con, tmp_path / "export", "run-1")
    before = (tmp_path / "export" / "lead_scores.csv").read_bytes()
    con.execute("drop table marts.lead_scores")

    with pytest.raises(duckdb.CatalogException):
        export_lead_scores(con, tmp_path / "export", "run-2")

    assert (tmp_path / "export" / "lead_scores.csv").read_bytes() == before
    assert len(list((tmp_path / "export").iterdir())) == 2  # no half-written work file
