"""HTML pieces of the report: plotly figures (no JavaScript of their own) and plain tables."""

import html

import pandas as pd
import plotly.graph_objects as go

CONFIG = {"displaylogo": False, "responsive": True}


class Markup(str):
    """A cell that is HTML already (built from escaped parts): shown as it is."""


def figure_html(fig: go.Figure, height: int = 360) -> str:
    fig.update_layout(height=height, margin={"l": 50, "r": 20, "t": 40, "b": 50})
    # plotly.js itself is embedded once in the page head
    return fig.to_html(full_html=False, include_plotlyjs=False, config=CONFIG)


def _cell(value) -> str:
    if isinstance(value, Markup):
        return str(value)
    if value is None or (not isinstance(value, str | bool) and bool(pd.isna(value))):
        return "–"
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d %H:%M")
    return html.escape(str(value))


def table_html(
    frame: pd.DataFrame | list[list], headers: list[str], css_class: str = "data"
) -> str:
    """A table of `frame` (or of rows) under `headers` (in the report's language)."""
    rows = frame.itertuples(index=False) if isinstance(frame, pd.DataFrame) else frame
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(value)}</td>" for value in row) + "</tr>" for row in rows
    )
    return f'<table class="{css_class}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def details_html(summary: str, lines: list[str]) -> Markup:
    """A folded block: the summary line, the lines on a click (kept in the page's text)."""
    body = "<br>".join(html.escape(line) for line in lines)
    return Markup(f"<details><summary>{html.escape(summary)}</summary>{body}</details>")


def note_html(text: str) -> str:
    return f'<p class="note">{html.escape(text)}</p>'
