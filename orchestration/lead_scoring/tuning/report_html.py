"""The fit report as one HTML file with plotly charts (plotly's JavaScript embedded once, so
the file opens without a network)."""

import html

import plotly.graph_objects as go
import plotly.io as pio

SERIES = {"current": "current points", "proposed": "proposed points"}


def render(report: dict) -> str:
    figures = [
        _auc(report),
        _calibration(report, "calibration_by_band", "score band (from)"),
        _calibration(report, "calibration_by_tier", "tier"),
        _gains(report),
    ]
    charts = [
        pio.to_html(figure, full_html=False, include_plotlyjs=(i == 0))
        for i, figure in enumerate(figures)
    ]
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Fitted points</title>"
        "<style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 8px;"
        "border-bottom:1px solid #ddd;text-align:right}td:first-child,th:first-child,"
        "td:nth-child(2){text-align:left}</style></head><body>"
        f"<h1>Fitted points</h1><p>Split: {html.escape(report['split'])}. "
        f"Scale: {html.escape(report['scale'])}. Proposed tiers (minimum scores): "
        f"{_tiers(report)}.</p>{''.join(charts)}<h2>Rules and their evidence "
        "(training leads)</h2>" + _rule_table(report["rules"]) + "</body></html>"
    )


def _auc(report: dict) -> go.Figure:
    aucs = report["holdout_auc"]
    figure = go.Figure(
        go.Bar(
            x=list(aucs),
            y=[value or 0 for value in aucs.values()],
            text=[str(value) for value in aucs.values()],
        )
    )
    return figure.update_layout(title="Holdout AUC", yaxis_range=[0, 1], height=350)


def _calibration(report: dict, key: str, axis: str) -> go.Figure:
    figure = go.Figure()
    for name, label in SERIES.items():
        rows = report[key][name]
        figure.add_bar(
            name=label,
            x=[row["group"] for row in rows],
            y=[row["rate"] for row in rows],
            hovertext=[f"{row['converted']} of {row['leads']}" for row in rows],
        )
    title = "Conversion rate per " + axis.split(" (")[0] + " (test leads)"
    return figure.update_layout(
        title=title, xaxis_title=axis, yaxis_title="conversion rate", barmode="group", height=350
    )


def _gains(report: dict) -> go.Figure:
    figure = go.Figure()
    for name, rows in report["gains"].items():
        figure.add_scatter(
            name=name.replace("_", " "),
            mode="lines",
            x=[0] + [row["leads_share"] for row in rows],
            y=[0] + [row["conversions_share"] for row in rows],
        )
    figure.add_scatter(name="random", mode="lines", x=[0, 1], y=[0, 1], line_dash="dot")
    return figure.update_layout(
        title="Gains: conversions found in the top-scored leads (test)",
        xaxis_title="share of leads",
        yaxis_title="share of conversions",
        height=400,
    )


def _tiers(report: dict) -> str:
    pairs = zip(report["tiers"]["names"], report["tiers"]["min_scores"], strict=False)
    return html.escape(", ".join(f"{name} {cut}+" for name, cut in pairs))


COLUMNS = (
    "rule_id",
    "label",
    "current_points",
    "fitted_points",
    "proposed_points",
    "leads_with",
    "leads_without",
    "conversion_with",
    "conversion_without",
    "conversion_with_ci95",
    "note",
)


def _rule_table(rules: list[dict]) -> str:
    head = "".join(f"<th>{column.replace('_', ' ')}</th>" for column in COLUMNS)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(row[c]))}</td>" for c in COLUMNS) + "</tr>"
        for row in rules
    )
    return f"<table><tr>{head}</tr>{body}</table>"
