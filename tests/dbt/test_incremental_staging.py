"""Incremental staging: a second load is staged on the next run without a full refresh, a
message landed again replaces its earlier copy (in a raw table another loader fills: the
ingest never lands an id twice), and the scores move as the new events say."""

import shutil

import duckdb
import pytest

from .conftest import SCORE_AS_OF
from .dbt_helpers import query, run_dbt, vars_arg
from .dbt_sample_rows import email_event, web


def insert_second_load(warehouse, web_rows, email_rows):
    with duckdb.connect(str(warehouse)) as con:
        for table, rows in (("web_events", web_rows), ("email_events", email_rows)):
            for row in rows:
                row = {**row, "_loaded_at": "2026-11-19 23:30:00+00", "_source": "test-2",
                       "_load_id": "load-2"}  # fmt: skip
                names = ", ".join(f'"{name}"' for name in row)
                marks = ", ".join("?" for _ in row)
                con.execute(
                    f"insert into raw.{table} ({names}) values ({marks})", list(row.values())
                )


def test_a_new_load_is_staged_and_scored_without_full_refresh(tmp_path, built):
    warehouse, first = built
    assert first.returncode == 0, first.stdout[-3000:]
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(warehouse, copy)
    # lead 1003 (Cold, one visit) now visits on five more days and clicks one link twice;
    # message w22 arrives again (a re-send) and must not be counted twice
    visits = [
        web(f"n{day}", "page", "anon-cold", day, name="Home", properties={"path": "/"})
        for day in (1, 2, 3, 4, 5)
    ]
    resend = web("w22", "page", "anon-cold", 12 - 10 / 1440, name="Pricing")
    clicks = [
        email_event(f"c{n}", "cold@gamma.co.jp", "click", n, url="https://x.example/p")
        for n in (1, 2)
    ]
    insert_second_load(copy, [*visits, resend], clicks)

    duplicates_allowed = ["--vars", f'{{score_as_of: "{SCORE_AS_OF}", raw_keys_unique: false}}']
    result = run_dbt(
        ["build", "--exclude-resource-type", "unit_test", *duplicates_allowed], copy, tmp_path
    )
    assert result.returncode == 0, result.stdout[-4000:]

    assert query(
        copy, "select count(*), count(distinct event_id) from staging.stg_segment__events"
    ) == query(
        copy, "select count(distinct message_id), count(distinct message_id) from raw.web_events"
    )
    assert query(
        copy, "select _load_id from staging.stg_segment__events where event_id = 'w22'"
    ) == [("load-2",)]
    assert query(copy, "select count(*) from staging.stg_sendgrid__events") == [(7,)]
    [(behavior, reasons)] = query(
        copy, "select behavior_score, score_reasons from marts.lead_scores where lead_id = '1003'"
    )
    # a visit in 30 days +10, 5+ visits in 7 days +10 more, same link clicked twice +8
    assert behavior == 28
    assert "Website: 5+ visits in 7 days +10" in reasons


def test_an_id_landed_twice_in_a_raw_table_said_to_hold_it_once_stops_the_build(tmp_path, built):
    # the ingest never lands an id twice, so staging reads raw straight; a table that breaks
    # that promise is caught by the uniqueness test of the run's own rows, not scored twice
    warehouse, _ = built
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(warehouse, copy)
    twice = [web("dup-1", "page", "anon-cold", 1, name="Home", properties={"path": "/"})] * 2
    insert_second_load(copy, twice, [])

    result = run_dbt(["build", "--exclude-resource-type", "unit_test", *vars_arg(SCORE_AS_OF)],
                     copy, tmp_path)  # fmt: skip

    assert result.returncode != 0
    assert "unique_in_this_run_stg_segment__events_event_id" in result.stdout
    assert "Got 1 result" in result.stdout
    assert "SKIP relation marts.lead_scores" in result.stdout  # nothing scored it twice


@pytest.mark.parametrize("staged_before_the_hash", [False, True])
def test_an_id_staged_by_an_earlier_run_and_landed_again_stops_the_build(
    tmp_path, built, staged_before_the_hash
):
    # w22 was staged by the first build; a later load of a raw table said to hold each id
    # once brings it again. The test probes the key's hash; rows staged before the hash column
    # existed (null) are compared by the key itself
    warehouse, _ = built
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(warehouse, copy)
    if staged_before_the_hash:
        with duckdb.connect(str(copy)) as con:
            con.execute("update staging.stg_segment__events set _key_hash = null")
    again = web("w22", "page", "anon-cold", 12 - 10 / 1440, name="Pricing")
    insert_second_load(copy, [again], [])

    result = run_dbt(["build", "--exclude-resource-type", "unit_test", *vars_arg(SCORE_AS_OF)],
                     copy, tmp_path)  # fmt: skip

    assert result.returncode != 0
    assert "FAIL 1 unique_in_this_run_stg_segment__events_event_id" in result.stdout
    assert "SKIP relation marts.lead_scores" in result.stdout
