"""The morning report opens in headless Chromium offline, with no console error and no
network request, and each of its seven sections shows a chart or table with data."""

import os
import shutil

import pytest

from tests.report.chromium import chromium_path, file_url, visit

# CI must run these (.ci/run installs chromium); elsewhere a machine without it skips them
pytestmark = pytest.mark.skipif(
    chromium_path() is None and not os.environ.get("CI"),
    reason="chromium is not installed (.ci/run installs it)",
)

# what every section holds: table rows and plotted points (plotly's drawn traces, numbers
# included: the page ships those as typed arrays, so `data[i].x.length` would not count them)
SECTIONS_SCRIPT = """
Array.from(document.querySelectorAll('section.report-section')).map(section => ({
  id: section.id,
  title: section.querySelector('h2').textContent,
  rows: section.querySelectorAll('table tbody tr').length,
  points: Array.from(section.querySelectorAll('.js-plotly-plot')).map(div =>
    (div._fullData || []).reduce((n, trace) => n + (trace._length || 0), 0)
  ).reduce((a, b) => a + b, 0),
  drawn: section.querySelectorAll('.js-plotly-plot .main-svg').length,
}))
"""
ENGLISH_TITLES = [
    "1. Today's hand-offs (sales-ready leads)",
    "2. Tier counts and change",
    "3. Funnel: lead → MQL → sales-ready → SQL → won",
    "4. First-contact SLA",
    "5. Conversion by tier, score band and lead source",
    "6. Rules that fired most and their lift",
    "7. Data health",
]
JAPANESE_TITLES = [
    "1. 本日の引き渡し（営業対応可能リード）",
    "2. ランク別件数と増減",
    "3. ファネル: リード → MQL → 営業引き渡し → SQL → 受注",
    "4. 初回接触SLA",
    "5. ランク・スコア帯・流入元別の商談化率",
    "6. よく発火したルールとリフト",
    "7. データ品質",
]


def _offline_visit(path):
    page = visit(file_url(path), SECTIONS_SCRIPT)
    assert page.console_errors == []
    assert page.requests == [file_url(path)]  # the page itself, nothing else
    return page.result


def _every_section_has_data(sections: list[dict]) -> None:
    for section in sections:
        assert section["rows"] > 0 or section["points"] > 0, section
        if section["points"]:
            assert section["drawn"] > 0, section  # plotly drew it: its JavaScript ran


def test_the_english_report_is_offline_error_free_and_every_section_has_data(english_run):
    latest = english_run.reports / "latest.html"
    dated = [p for p in english_run.reports.glob("*.html") if p.name[:4].isdigit()]
    assert latest.exists() and dated
    sections = _offline_visit(latest)
    assert [s["title"] for s in sections] == ENGLISH_TITLES
    _every_section_has_data(sections)


def test_the_japanese_report_has_japanese_section_titles(japanese_pii_free_run):
    sections = _offline_visit(japanese_pii_free_run.reports / "latest.html")
    assert [s["title"] for s in sections] == JAPANESE_TITLES
    _every_section_has_data(sections)


def test_the_weekly_and_monthly_views_are_written_beside_it(english_run):
    for period in ("week", "month"):
        sections = _offline_visit(english_run.reports / f"latest-{period}.html")
        _every_section_has_data(sections)


def test_the_browser_check_would_see_a_console_error_and_a_request(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text(
        "<html><body><img src='http://127.0.0.1:9/x.png'>"
        "<script>console.error('broken')</script></body></html>"
    )
    seen = visit(file_url(page), "1")
    assert any("broken" in error for error in seen.console_errors)
    assert "http://127.0.0.1:9/x.png" in seen.requests


def test_the_report_does_not_need_its_folder(english_run, tmp_path):
    """Self-contained: a copy opened alone elsewhere still draws every chart."""
    copy = tmp_path / "copy.html"
    shutil.copy(english_run.reports / "latest.html", copy)
    _every_section_has_data(_offline_visit(copy))
