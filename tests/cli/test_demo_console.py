"""A demo's console says what each stage did in under 150 lines (no Dagster DEBUG lines, no
dbt log echo, no telemetry banner) and ends with the summary."""

import re

from tests.cli.helpers import bare_env, lead_scoring

STAGE_LINES = [
    r"^Generating 60 leads over 7 days",
    r"^CRM sandbox on http://127\.0\.0\.1:\d+$",
    r"^  ingest raw/crm_leads: \d+ pages read, 60 rows landed, 0 quarantined",
    r"^  ingest raw/web_events: \d+ files read, [\d,]+ rows landed",
    r"^  ingest raw/email_events: \d+ files read, [\d,]+ rows landed",
    r"^  check web_events: passed",
    r"^  dbt: building \d+ models and seeds, then their tests$",
    r"^  dbt: (\d+) of \1 models and seeds done$",
    r"^  dbt: tests \d+ passed, \d+ warned, 0 failed$",
    r"^  check lead_scores: passed \(60 rows\)$",
    r"^  publish: \d+ tables, [\d,]+ rows to ",
    r"^  CRM sync: 1 of 1 batches sent \([\d.]+ calls/s\)$",
    r"^  CRM sync: 60 sent, 60 accepted, 0 rejected",
    r"^Lead scoring run summary$",
    r"^  leads scored:   60$",
]


def test_the_demo_console_is_short_and_shows_each_stage(tmp_path):
    env = bare_env(tmp_path)
    del env["LEAD_SCORING_WEB_EVENTS_DIR"], env["LEAD_SCORING_EMAIL_EVENTS_DIR"]
    result = lead_scoring(
        ["demo", "--leads", "60", "--days", "7", "--port", "0", "--data-dir", str(tmp_path)],
        env,
        timeout=900,
    )
    console = result.stdout + result.stderr
    assert result.returncode == 0, console[-5000:]
    lines = console.splitlines()
    assert len(lines) < 150, console
    for pattern in STAGE_LINES:
        assert any(re.search(pattern, line) for line in lines), (pattern, console)
    for noise in (" - DEBUG - ", "Telemetry", "Running with dbt=", "Traceback"):
        assert noise not in console
