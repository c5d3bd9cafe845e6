"""`make report` (`lead-scoring report`) regenerates the report from the published snapshot
alone: no run, no warehouse, no CRM."""

import csv
import os
import shutil
from unittest import mock

import duckdb

from lead_scoring import cli, settings


def test_the_report_comes_from_the_snapshot_alone(english_run, tmp_path):
    snapshot = tmp_path / "published.duckdb"
    shutil.copy(english_run.published, snapshot)  # nothing else: no warehouse beside it
    env = {
        "LEAD_SCORING_DUCKDB": str(tmp_path / "no-warehouse.duckdb"),
        "LEAD_SCORING_PUBLISHED_DUCKDB": str(snapshot),
        "LEAD_SCORING_REPORTS_DIR": str(tmp_path / "reports"),
        "LEAD_SCORING_LOCALE": "ja",
        "LEAD_SCORING_PII_FREE": "false",
    }
    with mock.patch.dict(os.environ, env):
        assert cli.main(["report", "--period", "month"]) == 0
    assert not (tmp_path / "no-warehouse.duckdb").exists()
    html = (tmp_path / "reports" / "latest-month.html").read_text(encoding="utf-8")
    assert "月次ビュー" in html and "7. データ品質" in html
    with duckdb.connect(str(snapshot), read_only=True) as con:
        (top_rule,) = con.execute(
            "select rule_id from marts.feedback_rule_lift "
            "order by leads_fired desc, rule_id limit 1"
        ).fetchone()
    seed = settings.DBT_PROJECT_DIR / "seeds" / "score_rule_labels_ja.csv"
    with seed.open(encoding="utf-8") as handle:
        label_ja = {row["rule_id"]: row["label_ja"] for row in csv.DictReader(handle)}[top_rule]
    assert label_ja in html  # the rule that fired most, labelled in the report's language


def test_a_missing_snapshot_or_bad_setting_is_one_clear_line(tmp_path, capsys):
    env = {
        "LEAD_SCORING_PUBLISHED_DUCKDB": str(tmp_path / "none.duckdb"),
        "LEAD_SCORING_REPORTS_DIR": str(tmp_path),
        "LEAD_SCORING_LOCALE": "en",
    }
    with mock.patch.dict(os.environ, env):
        assert cli.main(["report"]) == 2
        assert "no published snapshot at" in capsys.readouterr().err
        with mock.patch.dict(os.environ, {"LEAD_SCORING_LOCALE": "fr"}):
            assert cli.main(["report"]) == 2
        assert "LEAD_SCORING_LOCALE='fr'" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
