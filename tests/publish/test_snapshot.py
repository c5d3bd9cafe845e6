"""The BI snapshot: a copy of the marts swapped in whole; readers never see a half-written one."""

import os
from pathlib import Path

import duckdb
import pytest

from lead_scoring.ingest.warehouse import connect
from lead_scoring.publish import snapshot
from lead_scoring.publish.snapshot import publish_marts


@pytest.fixture
def warehouse(tmp_path) -> Path:
    path = tmp_path / "warehouse.duckdb"
    with connect(path) as con:
        con.execute("create schema marts")
        con.execute(
            "create table marts.lead_scores as select range::varchar as lead_id from range(3)"
        )
        con.execute("create table marts.lead_qualification as select 'mql' as lifecycle_stage")
        con.execute("create schema staging")
        con.execute("create table staging.not_for_bi as select 1 as x")
    return path


def _publish(warehouse: Path, target: Path, run_id: str):
    with connect(warehouse) as con:
        return publish_marts(con, target, run_id)


def _read(target: Path, sql: str):
    with duckdb.connect(str(target), read_only=True) as con:
        return con.execute(sql).fetchall()


def _grow(warehouse: Path) -> None:
    with connect(warehouse) as con:
        con.execute("insert into marts.lead_scores values ('3')")


def test_the_marts_and_what_was_published_land_in_the_snapshot(warehouse, tmp_path):
    target = tmp_path / "published" / "warehouse.duckdb"

    published = _publish(warehouse, target, "run-1")

    assert published.row_counts == {"lead_qualification": 1, "lead_scores": 3}
    assert _read(target, "select count(*) from marts.lead_scores") == [(3,)]
    assert _read(
        target, "select run_id, table_name, row_count from publish.snapshot order by 2"
    ) == [
        ("run-1", "lead_qualification", 1),
        ("run-1", "lead_scores", 3),
    ]
    schemas = _read(target, "select distinct schema_name from duckdb_schemas() where not internal")
    assert {s for (s,) in schemas} == {"marts", "publish"}  # no staging, raw or audit
    assert os.listdir(target.parent) == ["warehouse.duckdb"]  # no work file or WAL left


def test_a_reader_of_the_old_snapshot_keeps_it_while_a_new_one_is_swapped_in(warehouse, tmp_path):
    target = tmp_path / "published" / "warehouse.duckdb"
    _publish(warehouse, target, "run-1")
    _grow(warehouse)

    with duckdb.connect(str(target), read_only=True) as bi:
        _publish(warehouse, target, "run-2")
        assert bi.execute("select count(*) from marts.lead_scores").fetchall() == [(3,)]
    assert _read(target, "select count(*) from marts.lead_scores") == [(4,)]


def test_a_publish_that_dies_before_the_swap_leaves_the_old_snapshot(
    warehouse, tmp_path, monkeypatch
):
    target = tmp_path / "published" / "warehouse.duckdb"
    _publish(warehouse, target, "run-1")
    before = target.read_bytes()
    _grow(warehouse)

    def crash(*_):
        raise KeyboardInterrupt("killed between copy and swap")

    monkeypatch.setattr(snapshot.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        _publish(warehouse, target, "run-2")
    monkeypatch.undo()

    assert target.read_bytes() == before
    assert _read(target, "select distinct run_id from publish.snapshot") == [("run-1",)]
    assert len(os.listdir(target.parent)) == 2  # the half-finished work file is still there
    _publish(warehouse, target, "run-3")
    assert os.listdir(target.parent) == ["warehouse.duckdb"]  # ... and the next publish clears it
    assert _read(target, "select count(*) from marts.lead_scores") == [(4,)]


def test_nothing_to_publish_is_an_error(tmp_path):
    with (
        connect(tmp_path / "empty.duckdb") as con,
        pytest.raises(ValueError, match="the warehouse has no `marts` tables to publish"),
    ):
        publish_marts(con, tmp_path / "published.duckdb", "run-1")
