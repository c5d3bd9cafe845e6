"""The whole report as one HTML page: plotly.js embedded once, readable offline."""

import html
from functools import cache

from plotly.offline import get_plotlyjs

from lead_scoring.report.labels import SECTIONS

STYLE = """
body { font-family: system-ui, "Hiragino Sans", "Noto Sans CJK JP", sans-serif; margin: 2em;
       color: #222; }
section { margin-bottom: 2.5em; border-top: 1px solid #ddd; padding-top: .5em; }
table.data { border-collapse: collapse; font-size: .9em; margin: .5em 0; }
table.data th, table.data td { border: 1px solid #ccc; padding: .25em .5em; text-align: left;
       vertical-align: top; }
table.handoffs td:last-child { font-size: .85em; max-width: 40em; }
p.note { color: #555; }
"""


@cache
def _plotly_js() -> str:
    return get_plotlyjs()


def page_html(title: str, subtitle: list[str], sections: dict, lang: str) -> str:
    """`sections`: key -> (title, [html parts]) in the report's order."""
    body = []
    for key in SECTIONS:
        section_title, parts = sections[key]
        body.append(
            f'<section id="{key}" class="report-section"><h2>{html.escape(section_title)}</h2>'
            + "".join(parts)
            + "</section>"
        )
    notes = "".join(f'<p class="note">{html.escape(line)}</p>' for line in subtitle)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{STYLE}</style>"
        f'<script type="text/javascript">{_plotly_js()}</script></head>'
        f"<body><h1>{html.escape(title)}</h1>{notes}{''.join(body)}</body></html>"
    )
