"""The PII-free variant (LEAD_SCORING_PII_FREE=true) of the BI snapshot and the report holds
none of the generated data's e-mails or names; lead keys are pseudonymous and stable."""

import json
import os
import re
import shutil
from pathlib import Path
from unittest import mock

import duckdb

from lead_scoring import cli
from lead_scoring.publish.snapshot import publish_marts

PLOTLY_LIBRARY = re.compile(r'<script type="text/javascript">.*?</script>', re.S)


def _people(generated: Path) -> tuple[set[str], set[str]]:
    """(every e-mail, every person's full name) of the CRM leads, owners and web identities."""
    emails, names = set(), set()
    with (generated / "crm" / "leads.jsonl").open(encoding="utf-8") as handle:
        for lead in map(json.loads, handle):
            emails |= {lead["Email"], (lead["Owner"] or {}).get("email")}
            first, last = lead["First_Name"] or "", lead["Last_Name"] or ""
            names |= {f"{first} {last}", f"{last} {first}", f"{last}{first}"}
            names.add((lead["Owner"] or {}).get("name"))
    for path in (generated / "web").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            traits = (json.loads(line) if line.strip().startswith("{") else {}).get("traits")
            if isinstance(traits, dict):
                emails.add(traits.get("email"))
                first, last = traits.get("firstName") or "", traits.get("lastName") or ""
                names |= {f"{first} {last}", f"{last} {first}"}
    keep = lambda values: {v.strip() for v in values if v and len(v.strip()) > 2}  # noqa: E731
    return keep(emails), keep(names)


def _snapshot_text(path: Path) -> str:
    """Every value of every table in the snapshot, as text."""
    parts = []
    with duckdb.connect(str(path), read_only=True) as con:
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables"
        ).fetchall()
        for schema, table in tables:
            for row in con.execute(f'select * from "{schema}"."{table}"').fetchall():
                parts.append("\t".join(str(value) for value in row))
    return "\n".join(parts)


def _report_text(path: Path) -> str:
    """The report without the embedded plotly.js library (code, not data)."""
    return PLOTLY_LIBRARY.sub("", path.read_text(encoding="utf-8"), count=1)


def _found(text: str, emails: set[str], names: set[str]) -> list[str]:
    return sorted(value for value in emails | names if value in text)


def test_the_pii_free_snapshot_and_report_hold_no_email_or_name(japanese_pii_free_run):
    emails, names = _people(japanese_pii_free_run.generated)
    assert len(emails) > 150 and len(names) > 300
    assert _found(_snapshot_text(japanese_pii_free_run.published), emails, names) == []
    for report in japanese_pii_free_run.reports.glob("*.html"):
        assert _found(_report_text(report), emails, names) == [], report
    with duckdb.connect(str(japanese_pii_free_run.published), read_only=True) as con:
        found = con.execute("select column_name from information_schema.columns").fetchall()
    columns = {row[0] for row in found}
    assert "lead_key" in columns and not {"lead_id", "email", "first_name"} & columns


def test_the_full_variant_does_hold_them(english_run):
    """The search above can fail: the full snapshot and report do show e-mails and reps."""
    emails, names = _people(english_run.generated)
    assert any(
        "@" in value for value in _found(_snapshot_text(english_run.published), emails, names)
    )
    assert _found(_report_text(english_run.reports / "latest.html"), emails, names)


def test_make_report_redacts_a_full_snapshot_when_the_setting_says_so(english_run, tmp_path):
    emails, names = _people(english_run.generated)
    env = {
        "LEAD_SCORING_PUBLISHED_DUCKDB": str(english_run.published),
        "LEAD_SCORING_REPORTS_DIR": str(tmp_path),
        "LEAD_SCORING_LOCALE": "en",
        "LEAD_SCORING_PII_FREE": "true",
    }
    with mock.patch.dict(os.environ, env):
        assert cli.main(["report"]) == 0
    report = _report_text(tmp_path / "latest.html")
    assert "PII-free edition" in report
    assert _found(report, emails, names) == []


def test_lead_keys_are_stable_across_publishes_and_depend_on_the_key(english_run, tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(english_run.warehouse, warehouse)  # publishing attaches a file: needs writes

    def keys(name: str, key: str) -> list:
        target = tmp_path / f"{name}.duckdb"
        with duckdb.connect(str(warehouse)) as con:
            publish_marts(con, target, name, pii_key=key)
        with duckdb.connect(str(target), read_only=True) as con:
            return con.execute(
                "select lead_key, total_score from marts.lead_scores order by total_score, lead_key"
            ).fetchall()

    first, again, other = keys("first", "k1"), keys("again", "k1"), keys("other", "k2")
    assert first == again and len({key for key, _ in first}) == len(first)
    assert {key for key, _ in first}.isdisjoint({key for key, _ in other})
