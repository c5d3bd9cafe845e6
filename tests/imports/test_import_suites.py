"""The raw suites of the imported tables: a clean import passes, a load with more bad rows
than LEAD_SCORING_QUARANTINE_MAX_RATE allows fails on its quarantine rate alone."""

from lead_scoring import settings
from lead_scoring.ingest.warehouse import connect
from lead_scoring.quality.suite_check import run_suite
from tests.imports.conftest import run_import
from tests.imports.test_import_leads import HEADER, ROWS

SUITE = settings.EXPECTATIONS_DIR / "raw.import_leads.json"


def _check(workspace):
    with connect(workspace / "warehouse.duckdb") as con:
        return run_suite(con, SUITE, "run-1")


def test_a_clean_import_passes(workspace):
    (workspace / "clean.csv").write_text(HEADER + ROWS[0] + "\n" + ROWS[1] + "\n")
    run_import(workspace, "leads", workspace / "clean.csv")

    outcome = _check(workspace)

    assert outcome.passed and outcome.rows_validated == 2


def test_five_bad_rows_of_nine_fail_the_quarantine_rate(workspace):
    (workspace / "bad.csv").write_text(HEADER + "\n".join(ROWS) + "\n")
    run_import(workspace, "leads", workspace / "bad.csv")

    outcome = _check(workspace)

    assert not outcome.passed
    assert [f.column for f in outcome.result.errors] == ["quarantine_rate"]
    assert abs(outcome.profile["quarantine_rate"] - 5 / 9) < 1e-9
