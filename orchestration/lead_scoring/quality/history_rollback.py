"""Write-audit-publish for `marts.lead_score_history`, the one model a run adds to instead of
rebuilding: a run's write stays only if the run published.

dbt's pre-hook on the model (macros/qualification/history_undo.sql) notes each write's day
in `audit.lead_score_history_writes` and keeps the rows it replaces in
`audit.lead_score_history_undo`. Publishing marks the write published. Before the next dbt
build, a write never published (its run was rejected by a blocking check, or killed) is
rolled back: its day's rows are deleted and the replaced rows put back. Only the latest
unpublished write has undo rows; older ones (dbt run by hand in between) are only marked.
"""

import duckdb

from lead_scoring.ingest.warehouse import transaction

WRITES = "audit.lead_score_history_writes"
UNDO = "audit.lead_score_history_undo"
HISTORY = "marts.lead_score_history"


def _exists(con: duckdb.DuckDBPyConnection, qualified: str) -> bool:
    schema, table = qualified.split(".")
    sql = "select count(*) from information_schema.tables where table_schema = ? and table_name = ?"
    return con.execute(sql, [schema, table]).fetchone()[0] > 0


def roll_back_unpublished(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Undo the history write of a run that did not publish; the days rolled back."""
    if not (_exists(con, WRITES) and _exists(con, HISTORY)):
        return []
    pending = con.execute(
        f"select dbt_invocation_id, snapshot_date from {WRITES} "
        "where published_at is null and rolled_back_at is null order by written_at desc limit 1"
    ).fetchone()
    if pending is None:
        return []
    invocation, day = pending
    with transaction(con):
        con.execute(f"delete from {HISTORY} where snapshot_date = ?", [day])
        kept = con.execute(f"select count(*) from {UNDO} where dbt_invocation_id = ?", [invocation])
        if kept.fetchone()[0]:
            con.execute(
                f"insert into {HISTORY} by name select * exclude (dbt_invocation_id) "
                f"from {UNDO} where dbt_invocation_id = ?",
                [invocation],
            )
        con.execute(
            f"update {WRITES} set rolled_back_at = now() "
            "where published_at is null and rolled_back_at is null"
        )
    return [str(day)]


def mark_published(con: duckdb.DuckDBPyConnection) -> None:
    """The run published: its history write is good, and the yardstick from now on."""
    if _exists(con, WRITES):
        con.execute(
            f"update {WRITES} set published_at = now() "
            "where published_at is null and rolled_back_at is null"
        )
