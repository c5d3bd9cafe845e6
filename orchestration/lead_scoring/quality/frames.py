"""What a check validates: the rows (as a pandas frame) and a one-row profile of the table.

Raw tables are append-only and large, so their record expectations run on the rows of the
loads no passed check has covered yet (normally this run's load; after a failed or killed
run, the loads since the last pass too). Marts are rebuilt whole, so they are read whole,
except those that keep history: their newest day.
Only the columns a suite names are read. Times are naive UTC, like the marts' timestamps.
"""

from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd

# derived columns a raw suite may name: the source's event time, parsed
RAW_DERIVED = {
    "web_events": {"event_at": 'try_cast("timestamp" as timestamptz)::timestamp'},
    "email_events": {"event_at": 'to_timestamp("timestamp")::timestamp'},
    "crm_leads": {"modified_at": "try_cast(modified_time as timestamptz)::timestamp"},
    "crm_calls": {"modified_at": "try_cast(modified_time as timestamptz)::timestamp"},
    "import_activities": {"occurred": "try_cast(occurred_at as timestamptz)::timestamp"},
}
# marts that keep history are validated on their newest day (the rest of it passed before)
MART_FILTERS = {
    "lead_score_history": "snapshot_date = (select max(snapshot_date) from marts."
    "lead_score_history)",
}
# what the row-count band counts: CRM tables keep every version of a record (a CRM update,
# such as the scores this pipeline writes back, adds one), so they count records
RAW_COUNT = {"crm_leads": "count(distinct id)", "crm_calls": "count(distinct id)"}
# the newest record of a raw table, for freshness
RAW_NEWEST = {
    "web_events": 'max(try_cast("timestamp" as timestamptz))',
    "email_events": 'to_timestamp(max("timestamp"))',
    "crm_leads": "max(try_cast(modified_time as timestamptz))",
    "crm_calls": "max(try_cast(modified_time as timestamptz))",
    "import_leads": "max(try_cast(created_at as timestamptz))",
    "import_activities": "max(try_cast(occurred_at as timestamptz))",
    "crm_deleted_leads": "max(try_cast(deleted_time as timestamptz))",
}


@dataclass(frozen=True)
class Loads:
    """The raw loads a check covers."""

    ids: list[str]
    until: datetime | None  # loaded_at of the newest
    records_read: int
    rows_quarantined: int

    @property
    def quarantine_rate(self) -> float | None:
        return self.rows_quarantined / self.records_read if self.records_read else None


def loads_since(con: duckdb.DuckDBPyConnection, table: str, after: datetime | None) -> Loads:
    rows = con.execute(
        "select load_id, loaded_at, records_read, rows_quarantined from raw._loads "
        "where table_name = ? and loaded_at > coalesce(?::timestamptz, '-infinity') "
        "order by loaded_at",
        [table, after],
    ).fetchall()
    return Loads(
        ids=[r[0] for r in rows],
        until=rows[-1][1] if rows else after,
        records_read=sum(r[2] for r in rows),
        rows_quarantined=sum(r[3] for r in rows),
    )


def _select_list(columns: list[str], derived: dict[str, str]) -> str:
    if not columns:
        return "1 as _row"
    return ", ".join(f'{derived.get(c, chr(34) + c + chr(34))} as "{c}"' for c in columns)


def read_frame(
    con: duckdb.DuckDBPyConnection, schema: str, table: str, columns: list[str], loads: Loads | None
) -> pd.DataFrame:
    """The rows to validate, with only `columns` (raw: of the covered loads only)."""
    derived = RAW_DERIVED.get(table, {}) if schema == "raw" else {}
    sql = f"select {_select_list(columns, derived)} from {schema}.{table}"
    if loads is None:
        where = MART_FILTERS.get(table) if schema == "marts" else None
        return con.execute(sql + (f" where {where}" if where else "")).df()
    return con.execute(sql + " where _load_id in (select unnest(?::varchar[]))", [loads.ids]).df()


def row_count(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> int:
    count = RAW_COUNT.get(table, "count(*)") if schema == "raw" else "count(*)"
    return con.execute(f"select {count} from {schema}.{table}").fetchone()[0]


def newest_age_hours(con, table: str, now: datetime) -> float | None:
    newest = con.execute(f"select {RAW_NEWEST[table]} from raw.{table}").fetchone()[0]
    return (now - newest).total_seconds() / 3600 if newest else None
