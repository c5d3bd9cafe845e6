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
    loads_until timestamptz   -- raw tables: loaded_at of the newest load this check covered
)
"""


@dataclass(frozen=True)
class Baseline:
    row_count: int
    loads_until: datetime | None


def ensure_history(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists audit")
    con.execute(HISTORY_DDL)


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
        "insert into audit.check_history values (?, ?, now(), ?, ?, ?)",
        [asset_key, run_id, passed, row_count, loads_until],
    )
