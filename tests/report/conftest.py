"""Two small nightly runs on one generated data set, each with its own CRM sandbox: English
(full) and Japanese with the PII-free setting. Small data keeps the report tests quick."""

import os
from pathlib import Path
from unittest import mock

import pytest

from tests.e2e.conftest import END_DATE, pipeline_on

LEADS, DAYS, SEED = 200, 21, 5
AS_OF = f"{END_DATE.isoformat()}T23:59:59"


def _run(root: Path, extra_env: dict):
    env = {"LEAD_SCORING_REPORTS_DIR": str(root / "reports"), **extra_env}
    with (
        mock.patch.dict(os.environ, env),
        pipeline_on(root, leads=LEADS, days=DAYS, seed=SEED) as pipeline,
    ):
        result = pipeline.run()
        assert result.success, [e.message for e in result.all_events if e.is_failure]
        pipeline.result = result
        pipeline.reports = root / "reports"
        pipeline.published = root / "published" / "warehouse.duckdb"
        pipeline.generated = root / "generated"
        yield pipeline


@pytest.fixture(scope="session")
def english_run(tmp_path_factory):
    env = {"LEAD_SCORING_LOCALE": "en", "LEAD_SCORING_PII_FREE": "false"}
    yield from _run(tmp_path_factory.mktemp("report-en"), env)


@pytest.fixture(scope="session")
def japanese_pii_free_run(tmp_path_factory):
    env = {
        "LEAD_SCORING_LOCALE": "ja",
        "LEAD_SCORING_PII_FREE": "true",
        "LEAD_SCORING_PSEUDONYM_KEY": "test-key",
    }
    yield from _run(tmp_path_factory.mktemp("report-ja"), env)
