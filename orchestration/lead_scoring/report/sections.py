"""The seven sections of the report, each charts or tables from the published snapshot.

`period` is day (the morning page: today's hand-offs, funnel and SLA by week), week or month
(the review meetings: that window's hand-offs, funnel and SLA by that period).
"""

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from lead_scoring.report import queries
from lead_scoring.report.package import package_items
from lead_scoring.report.render import details_html, figure_html, note_html, table_html
from lead_scoring.report.snapshot import Snapshot

TOP_REASONS = 3
MAX_HANDOFF_ROWS = 25  # the highest scores; the count above the table says how many in all
TIER_COLORS = {"Hot": "#d62728", "Warm": "#ff7f0e", "Cold": "#1f77b4"}


@dataclass
class Context:
    snap: Snapshot
    words: dict
    locale: str
    period: str
    rule_labels: dict[str, str]

    @property
    def trend(self) -> str:
        """Period of the trend charts: week for the daily page."""
        return "month" if self.period == "month" else "week"


def _top_reasons(text) -> str:
    return "; ".join([r for r in (text or "").split("; ") if r][:TOP_REASONS])


def _empty(ctx: Context) -> list[str]:
    return [note_html(ctx.words["no_data"])]


def handoffs(ctx: Context) -> list[str]:
    frame = queries.handoffs(ctx.snap, ctx.locale, ctx.period)
    if frame.empty:
        return _empty(ctx)
    keys = ("lead", "owner", "score", "reasons", "sla_due", "package")
    headers = [ctx.words[key] for key in keys]
    rows = []
    for record in frame.head(MAX_HANDOFF_ROWS).to_dict("records"):
        items = package_items(record, ctx.locale)
        package = details_html(items[0][1], [f"{item}: {text}" for item, text in items])
        reasons = _top_reasons(record["reasons"])
        due = record["sla_due_at"]
        rows.append([record["lead"], record["owner_name"], record["total_score"], reasons, due])
        rows[-1].append(package)
    summary = f"{ctx.words['sales_ready']}: {len(frame)}"
    return [note_html(summary), table_html(rows, headers, "data handoffs")]


def tiers(ctx: Context) -> list[str]:
    frame = queries.tiers(ctx.snap)
    if frame.empty:
        return _empty(ctx)
    colors = [TIER_COLORS.get(tier, "#7f7f7f") for tier in frame["tier"]]
    fig = go.Figure(go.Bar(x=frame["tier"], y=frame["today"], marker_color=colors))
    fig.update_layout(title=ctx.words["today"], yaxis_title=ctx.words["leads"])
    headers = [ctx.words[k] for k in ("tier", "today", "vs_yesterday", "vs_last_week")]
    return [figure_html(fig, 300), table_html(frame, headers)]


def funnel(ctx: Context) -> list[str]:
    frame = queries.funnel(ctx.snap, ctx.trend)
    if frame.empty:
        return _empty(ctx)
    stages = [
        ("leads", "leads"),
        ("mqls", "mql"),
        ("sales_ready_leads", "sales_ready"),
        ("sqls", "sql"),
        ("won", "won"),
    ]
    totals = [int(frame[column].sum()) for column, _ in stages]
    names = [ctx.words[word] for _, word in stages]
    fig = go.Figure(go.Funnel(y=names, x=totals, textinfo="value+percent previous"))
    by_period = go.Figure(
        [
            go.Bar(name=name, x=frame["period_start"], y=frame[column])
            for (column, _), name in zip(stages, names, strict=True)
        ]
    )
    by_period.update_layout(
        barmode="group", title=ctx.words["by_period"].format(period=ctx.words[ctx.trend])
    )
    return [figure_html(fig, 320), figure_html(by_period)]


def _sla_figure(frame: pd.DataFrame, ctx: Context, title: str) -> go.Figure:
    statuses = [
        ("sla_met", "met", "#2ca02c"),
        ("sla_breached", "breached", "#d62728"),
        ("sla_pending", "pending", "#bcbd22"),
    ]
    fig = go.Figure(
        [
            go.Bar(name=ctx.words[word], x=frame["label"], y=frame[column], marker_color=color)
            for column, word, color in statuses
        ]
    )
    fig.update_layout(barmode="stack", title=title)
    return fig


def sla(ctx: Context) -> list[str]:
    by_rep = queries.sla(ctx.snap, ctx.trend, "owner")
    by_period = queries.sla(ctx.snap, ctx.trend, "all")
    if by_rep.empty and by_period.empty:
        return _empty(ctx)
    period_title = ctx.words["by_period"].format(period=ctx.words[ctx.trend])
    return [
        figure_html(_sla_figure(by_rep, ctx, ctx.words["by_rep"])),
        figure_html(_sla_figure(by_period, ctx, period_title)),
    ]


def conversion(ctx: Context) -> list[str]:
    parts = []
    for dimension, word in (
        ("tier", "tier"),
        ("score_band", "score_band"),
        ("lead_source", "lead_source"),
    ):
        frame = queries.conversion(ctx.snap, dimension)
        if frame.empty:
            continue
        fig = go.Figure(
            go.Bar(
                x=frame["segment"],
                y=frame["conversion_rate"],
                text=frame["leads"],
                hovertemplate="%{x}: %{y:.1%} (%{text})<extra></extra>",
            )
        )
        fig.update_layout(
            title=f"{ctx.words['conversion_rate']}: {ctx.words[word]}", yaxis_tickformat=".0%"
        )
        parts.append(figure_html(fig, 300))
    return parts or _empty(ctx)


def rules(ctx: Context) -> list[str]:
    frame = queries.rules(ctx.snap)
    if frame.empty:
        return _empty(ctx)
    if ctx.locale != "en":
        frame["label"] = [
            ctx.rule_labels.get(r, label)
            for r, label in zip(frame["rule_id"], frame["label"], strict=True)
        ]
    fig = go.Figure(
        go.Bar(
            x=frame["leads_fired"],
            y=frame["label"],
            orientation="h",
            text=[f"{value:.2f}" if value == value else "" for value in frame["lift"]],
            textposition="outside",
        )
    )
    fig.update_layout(title=ctx.words["leads_fired"], yaxis={"autorange": "reversed"})
    table = frame[["label", "leads_fired", "lift"]]
    headers = [ctx.words[k] for k in ("rule", "leads_fired", "lift")]
    return [figure_html(fig, 420), table_html(table, headers)]
