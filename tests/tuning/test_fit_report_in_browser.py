"""The fit report opens in headless Chromium offline, with no console error and no network
request; its four charts are drawn with data and its rule table has a row per rule."""

import json
import os
import struct

import pytest

from tests.report.chromium import SCREENSHOT_WIDTH, chromium_path, file_url, visit

# CI must run these (.ci/run installs chromium); elsewhere a machine without it skips them
pytestmark = pytest.mark.skipif(
    chromium_path() is None and not os.environ.get("CI"),
    reason="chromium is not installed (.ci/run installs it)",
)

# plotted points per chart (plotly's drawn traces) and the rows of the rule table
PAGE_SCRIPT = """
({
  charts: Array.from(document.querySelectorAll('.js-plotly-plot')).map(div => ({
    title: (div.layout && div.layout.title && div.layout.title.text) || '',
    points: (div._fullData || []).reduce((n, trace) => n + (trace._length || 0), 0),
    drawn: div.querySelectorAll('.main-svg').length,
  })),
  ruleRows: document.querySelectorAll('table tr').length - 1,
})
"""


def test_the_fit_report_is_offline_error_free_and_shows_its_data(fit_run, tmp_path):
    page = fit_run.out / "fit_report.html"
    screenshot = tmp_path / "fit_report.png"
    seen = visit(file_url(page), PAGE_SCRIPT, screenshot=screenshot)
    assert seen.console_errors == []
    assert seen.requests == [file_url(page)]  # the page itself, nothing else
    report = json.loads((fit_run.out / "fit_report.json").read_text(encoding="utf-8"))
    charts = seen.result["charts"]
    assert [chart["title"] for chart in charts] == [
        "Holdout AUC",
        "Conversion rate per score band (test leads)",
        "Conversion rate per tier (test leads)",
        "Gains: conversions found in the top-scored leads (test)",
    ]
    for chart in charts:
        assert chart["points"] > 0 and chart["drawn"] > 0, chart  # plotly's JavaScript ran
    assert seen.result["ruleRows"] == len(report["rules"])
    # a PNG (its signature, then the IHDR chunk with the width and height) of the page
    data = screenshot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= SCREENSHOT_WIDTH and height > 900
