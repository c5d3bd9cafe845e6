"""Case 7 of issue 11: a volume change an operator accepts is acknowledged once, by a command
recorded in the audit table, not by raising LEAD_SCORING_ROW_COUNT_MAX_CHANGE forever."""

import duckdb
import pytest

from lead_scoring import cli, settings
from lead_scoring.ingest.warehouse import ensure_raw_schema
from lead_scoring.quality.suite_check import run_suite
from tests.quality.warehouses import lead_score, load_seeds, write_table


@pytest.fixture
def warehouse(tmp_path, monkeypatch):
    path = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("LEAD_SCORING_SCORE_AS_OF", "2026-11-20T23:59:59")
    monkeypatch.setenv("LEAD_SCORING_DUCKDB", str(path))
    with duckdb.connect(str(path)) as con:
        ensure_raw_schema(con)
        load_seeds(con)
    return path


def _check(path, rows: int, run: str) -> bool:
    with duckdb.connect(str(path)) as con:
        write_table(con, "marts.lead_scores", [lead_score(str(i)) for i in range(rows)])
        suite = settings.EXPECTATIONS_DIR / "marts.lead_scores.json"
        return run_suite(con, suite, run).passed


def test_an_accepted_volume_change_passes_from_the_next_run_on(warehouse, capsys):
    assert _check(warehouse, 10, "run-1")
    assert not _check(warehouse, 30, "run-2")  # +200%: a trade-show import, say

    code = cli.main(["accept-volume", "marts.lead_scores", "--reason", "trade-show import"])

    assert code == 0
    assert "marts.lead_scores" in capsys.readouterr().out
    assert _check(warehouse, 30, "run-3")
    assert _check(warehouse, 31, "run-4")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        acknowledged = con.execute(
            "select asset_key, row_count, note from audit.check_history "
            "where run_id like 'accepted%'"
        ).fetchall()
    assert len(acknowledged) == 1
    assert acknowledged[0][:2] == ("marts.lead_scores", 30)
    assert "trade-show import" in acknowledged[0][2]


def test_accepting_a_table_without_a_failed_check_says_so(warehouse, capsys):
    assert _check(warehouse, 10, "run-1")
    assert cli.main(["accept-volume", "marts.lead_scores"]) == 2
    assert "no failed row-count check" in capsys.readouterr().err
