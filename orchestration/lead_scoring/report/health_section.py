"""Section 7 of the report, data health: rows landed and quarantined, the top quarantine
reasons, checks passed and failed, and the CRM's answers to the latest sync."""

import pandas as pd
import plotly.graph_objects as go

from lead_scoring.report import queries
from lead_scoring.report.render import figure_html, table_html
from lead_scoring.report.sections import Context


def _loads_figure(ctx: Context, loads: pd.DataFrame) -> go.Figure:
    latest = loads[loads["load_date"] == loads["load_date"].max()]
    return go.Figure(
        [
            go.Bar(name=ctx.words["rows_landed"], x=latest["table_name"], y=latest["rows_landed"]),
            go.Bar(
                name=ctx.words["quarantined"], x=latest["table_name"], y=latest["rows_quarantined"]
            ),
        ]
    ).update_layout(barmode="group", title=str(latest["load_date"].max()))


def _checks_table(ctx: Context, checks: pd.DataFrame) -> str:
    passed = int(checks["passed"].sum()) if not checks.empty else 0
    failed = len(checks) - passed
    # audit.check_history keeps pass/fail; warnings (non-blocking failures) are not kept
    frame = pd.DataFrame([[passed, failed]])
    return table_html(frame, [ctx.words["passed"], ctx.words["failed"]], "data checks")


def health(ctx: Context) -> list[str]:
    loads = queries.ops(ctx.snap, "loads")
    reasons = queries.ops(ctx.snap, "quarantine_reasons")
    sync = queries.ops(ctx.snap, "crm_sync")
    parts = []
    if not loads.empty:
        parts.append(figure_html(_loads_figure(ctx, loads), 300))
    if not reasons.empty:
        headers = ["", ctx.words["quarantine_reasons"], ctx.words["records"]]
        parts.append(table_html(reasons, headers))
    parts.append(f"<h3>{ctx.words['checks']}</h3>")
    parts.append(_checks_table(ctx, queries.ops(ctx.snap, "checks")))
    if not sync.empty:
        latest = sync[sync["started_at"] == sync["started_at"].max()]
        totals = latest.groupby("operation")[["sent", "accepted", "rejected"]].sum().reset_index()
        headers = [ctx.words["crm_sync"], *(ctx.words[k] for k in ("sent", "accepted", "rejected"))]
        parts.append(table_html(totals, headers, "data crm-sync"))
    return parts
