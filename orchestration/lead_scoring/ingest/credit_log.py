"""`raw._crm_api_credits`: the API credits each step of each run used, for the daily budget.

Zoho's allowance is per rolling 24 hours, so a step's allowance is the budget
(LEAD_SCORING_CRM_DAILY_CREDIT_BUDGET) less what the pipeline's steps used in the last 24
hours. Credits used by other integrations of the org are not seen here: leave them room.
"""

from datetime import UTC, datetime, timedelta

import duckdb

CREDITS_DDL = """
create table if not exists raw._crm_api_credits (
    run_id varchar, step varchar, used_at timestamptz, credits bigint
)
"""
WINDOW = timedelta(hours=24)


def _ensure(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists raw")
    con.execute(CREDITS_DDL)


def used_in_window(con: duckdb.DuckDBPyConnection, now: datetime | None = None) -> int:
    _ensure(con)
    since = (now or datetime.now(UTC)) - WINDOW
    query = "select coalesce(sum(credits), 0) from raw._crm_api_credits where used_at > ?"
    return int(con.execute(query, [since]).fetchone()[0])


def allowance(
    con: duckdb.DuckDBPyConnection, budget: int | None, now: datetime | None = None
) -> int | None:
    """Credits a step may still use (None: no budget set)."""
    return None if budget is None else max(0, budget - used_in_window(con, now))


def record(con: duckdb.DuckDBPyConnection, run_id: str, step: str, credits: int, now=None) -> None:
    _ensure(con)
    con.execute(
        "insert into raw._crm_api_credits values (?, ?, ?, ?)",
        [run_id, step, now or datetime.now(UTC), credits],
    )
