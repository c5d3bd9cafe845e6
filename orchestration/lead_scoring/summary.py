"""A short, human summary of the warehouse after a run: what `make demo` prints."""

import duckdb


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, params=()) -> int:
    return con.execute(sql, list(params)).fetchone()[0] or 0


def summarize(
    con: duckdb.DuckDBPyConnection, run_id: str, scores: duckdb.DuckDBPyConnection | None = None
) -> str:
    """`scores`: where marts.lead_scores is, when not in the warehouse `con` (Spark's, copied)."""
    scores = scores or con
    leads = _scalar(scores, "select count(*) from marts.lead_scores")
    tiers = dict(
        scores.execute("select tier, count(*) from marts.lead_scores group by tier").fetchall()
    )
    sent = _scalar(
        con,
        "select count(*) from reverse_etl.crm_sync_ledger "
        "where run_id = ? and operation = 'upsert'",
        [run_id],
    )
    accepted = _scalar(
        con,
        "select count(*) from reverse_etl.crm_sync_ledger "
        "where run_id = ? and operation = 'upsert' and crm_code = 'SUCCESS'",
        [run_id],
    )
    events = {
        table: _scalar(con, f"select count(*) from raw.{table}")
        for table in ("crm_leads", "web_events", "email_events")
    }
    return "\n".join(
        [
            "Lead scoring run summary",
            f"  raw rows:       {events['crm_leads']:,} CRM lead versions, "
            f"{events['web_events']:,} web events, {events['email_events']:,} e-mail events",
            f"  leads scored:   {leads:,}",
            "  tiers:          "
            + ", ".join(f"{t} {tiers.get(t, 0):,}" for t in ("Hot", "Warm", "Cold")),
            f"  synced to CRM:  {accepted:,} accepted of {sent:,} sent this run",
        ]
    )
