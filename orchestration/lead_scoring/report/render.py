"""HTML pieces of the report: plotly figures (no JavaScript of their own) and plain tables."""

import html

import pandas as pd
import plotly.graph_objects as go

CONFIG = {"displaylogo": False, "responsive": True}


def figure_html(fig: go.Figure, height: int = 360) -> str:
    fig.update_layout(height=height, margin={"l": 50, "r": 20, "t": 40, "b": 50})
    # plotly.js itself is embedded once in the page head
    return fig.to_html(full_html=False, include_plotlyjs=False, config=CONFIG)


def _cell(value) -> str:
    if value is None or (not isinstance(value, str | bool) and bool(pd.isna(value))):
        return "–"
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d %H:%M")
    return html.escape(str(value))


def table_html(frame: pd.DataFrame, headers: list[str], css_class: str = "data") -> str:
    """A table of `frame` with `headers` (in the report's language) over its columns."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(value)}</td>" for value in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f'<table class="{css_class}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def note_html(text: str) -> str:
    return f'<p class="note">{html.escape(text)}</p>'
