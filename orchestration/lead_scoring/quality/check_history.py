"""`audit.check_history`: what each data check saw, so the next run can compare.

The warehouse holds it (not the Dagster instance) because the state belongs to the data: a
fresh warehouse starts a fresh history, and every way of running the job (schedule, `lead-scoring
run`, tests on an ephemeral instance) sees the same baseline. The baseline is the last check
that passed, so a bad run never becomes the yardstick for the next one.
"""

from dataclasses import dataclass
from datetime import datetime

import duckdb

HISTORY_DDL = """
create table if not exists audit.check_history (
    asset_key varchar,        -- e.g. raw.web_events
    run_id varchar,
    checked_at timestamptz,
    passed boolean,           -- no error-severity expectation failed
    row_count bigint,         -- rows in the whole table (CRM raw tables: distinct records)
    loads_until timestamptz,  -- raw tables: loaded_at of the newest load this check covered
    note varchar              -- why a row is here that no check wrote (an accepted volume)
)
"""
NEW_COLUMNS = ["alter table audit.check_history add column if not exists note varchar"]


@dataclass(frozen=True)
class Baseline:
    row_count: int
    loads_until: datetime | None


def ensure_history(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists audit")
    con.execute(HISTORY_DDL)
    for statement in NEW_COLUMNS:
        con.execute(statement)


def last_passed(con: duckdb.DuckDBPyConnection, asset_key: str) -> Baseline | None:
    row = con.execute(
        "select row_count, loads_until from audit.check_history "
        "where asset_key = ? and passed order by checked_at desc limit 1",
        [asset_key],
    ).fetchone()
    return Baseline(*row) if row else None


def record_check(
    con: duckdb.DuckDBPyConnection,
    asset_key: str,
    run_id: str,
    passed: bool,
    row_count: int,
    loads_until: datetime | None,
) -> None:
    con.execute(
        "insert into audit.check_history (asset_key, run_id, checked_at, passed, row_count,"
        " loads_until) values (?, ?, now(), ?, ?, ?)",
        [asset_key, run_id, passed, row_count, loads_until],
    )


def accept_volume(con: duckdb.DuckDBPyConnection, asset_key: str, who: str, reason: str) -> int:
    """Make the row count of the last (failed) check the baseline: one passed row, noted.

    Its loads_until stays the last passed check's, so the loads of the failed run are still
    validated record by record on the next run; only the volume is accepted. Returns the row
    count accepted; ValueError when the last check of `asset_key` did not fail."""
    ensure_history(con)
    last = con.execute(
        "select passed, row_count from audit.check_history where asset_key = ? "
        "order by checked_at desc limit 1",
        [asset_key],
    ).fetchone()
    if last is None or last[0]:
        seen = "none" if last is None else "passed"
        raise ValueError(f"{asset_key} has no failed row-count check to accept (last: {seen})")
    baseline = last_passed(con, asset_key)
    con.execute(
        "insert into audit.check_history values (?, ?, now(), true, ?, ?, ?)",
        [
            asset_key,
            f"accepted-by-{who}",
            last[1],
            baseline.loads_until if baseline else None,
            f"volume change accepted by {who}: {reason}",
        ],
    )
    return last[1]
