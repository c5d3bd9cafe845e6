"""Data health for the report: what landed, what was quarantined, checks, CRM sync answers.

The queries read the warehouse's bookkeeping tables (raw._loads, raw._quarantine,
audit.check_history, reverse_etl.crm_sync_ledger). The BI publish stores their answers in the
snapshot's `ops` schema, so a report regenerated from the snapshot alone shows them too.
Quarantine reasons are grouped with quoted values masked: they may quote a record's content.
"""

import duckdb
import pandas as pd

RECENT_RUNS = 7

QUERIES = {
    "loads": (
        ("raw", "_loads"),
        f"""
        with runs as (
            select table_name, loaded_at, records_read, rows_inserted, rows_quarantined,
                dense_rank() over (order by cast(loaded_at as date) desc) as day_rank
            from raw._loads
        )
        select cast(loaded_at as date) as load_date, table_name,
            sum(records_read) as records_read, sum(rows_inserted) as rows_landed,
            sum(rows_quarantined) as rows_quarantined
        from runs where day_rank <= {RECENT_RUNS}
        group by 1, 2 order by 1, 2
        """,
    ),
    "quarantine_reasons": (
        ("raw", "_quarantine"),
        """
        select source_table,
            left(regexp_replace(regexp_replace(reason, '"[^"]*"', '"…"', 'g'),
                '''[^'']*''', '''…''', 'g'), 120) as reason,
            count(*) as records
        from raw._quarantine
        group by 1, 2 order by records desc, 1, 2 limit 10
        """,
    ),
    "checks": (
        ("audit", "check_history"),
        """
        select asset_key, arg_max(passed, checked_at) as passed,
            max(checked_at) as checked_at
        from audit.check_history group by 1 order by 1
        """,
    ),
    "crm_sync": (
        ("reverse_etl", "crm_sync_ledger"),
        f"""
        with runs as (
            select run_id, min(attempted_at) as started_at from reverse_etl.crm_sync_ledger
            group by 1 order by started_at desc limit {RECENT_RUNS}
        )
        select runs.started_at, ledger.operation, count(*) as sent,
            count(*) filter (where ledger.crm_code = 'SUCCESS') as accepted,
            count(*) filter (where ledger.crm_code is distinct from 'SUCCESS') as rejected
        from reverse_etl.crm_sync_ledger as ledger
        inner join runs using (run_id)
        group by 1, 2 order by 1, 2
        """,
    ),
}
COLUMNS = {
    "loads": ["load_date", "table_name", "records_read", "rows_landed", "rows_quarantined"],
    "quarantine_reasons": ["source_table", "reason", "records"],
    "checks": ["asset_key", "passed", "checked_at"],
    "crm_sync": ["started_at", "operation", "sent", "accepted", "rejected"],
}


def _exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    found = con.execute(
        "select count(*) from information_schema.tables "
        "where table_catalog = current_database() and table_schema = ? and table_name = ?",
        [schema, table],
    ).fetchone()[0]
    return found > 0


def health_frames(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """Each health table from the warehouse on `con`; empty where its table is not there yet."""
    frames = {}
    for name, ((schema, table), sql) in QUERIES.items():
        if _exists(con, schema, table):
            frames[name] = con.execute(sql).df()
        else:
            frames[name] = pd.DataFrame(columns=COLUMNS[name])
    return frames
