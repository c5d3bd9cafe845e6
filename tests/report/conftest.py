"""Two small nightly runs on one generated data set, each with its own CRM sandbox: English
(full) and Japanese with the PII-free setting. Small data keeps the report tests quick.

Session fixtures, so they are scenarios: their settings (the locale above all) apply only while
their run does, never to tests that happen to run later in the same session."""

from pathlib import Path

import pytest

from lead_scoring.generator import generate
from lead_scoring.run_report import failure_lines
from tests.e2e.conftest import END_DATE
from tests.e2e.scenarios import scenario

LEADS, DAYS, SEED = 200, 21, 5
AS_OF = f"{END_DATE.isoformat()}T23:59:59"


def _run(root: Path, settings: dict):
    generate(root / "generated", leads=LEADS, days=DAYS, seed=SEED, end_date=END_DATE,
             progress=False)  # fmt: skip
    reports = root / "reports"
    with scenario(
        root, root / "generated", LEAD_SCORING_REPORTS_DIR=str(reports), **settings
    ) as run:
        result = run.run()
        assert result.success, failure_lines(result)
        run.result = result
        run.reports = reports
        run.generated = root / "generated"
        yield run


@pytest.fixture(scope="session")
def english_run(tmp_path_factory):
    settings = {"LEAD_SCORING_LOCALE": "en", "LEAD_SCORING_PII_FREE": "false"}
    yield from _run(tmp_path_factory.mktemp("report-en"), settings)


@pytest.fixture(scope="session")
def japanese_pii_free_run(tmp_path_factory):
    settings = {
        "LEAD_SCORING_LOCALE": "ja",
        "LEAD_SCORING_PII_FREE": "true",
        "LEAD_SCORING_PSEUDONYM_KEY": "test-key",
    }
    yield from _run(tmp_path_factory.mktemp("report-ja"), settings)
