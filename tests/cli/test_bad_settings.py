"""Each unusable setting stops `lead-scoring run` before any work: exit code 2, one line that
names the variable (and what a good value looks like), no traceback, nothing written."""

import pytest

from tests.cli.helpers import bare_env, lead_scoring

SECRET = "s3cret-hook-t0ken"
# generous: the command answers in about a second; the limit only stops a hung process
TIMEOUT_SECONDS = 60
REAL_CRM = {
    "LEAD_SCORING_CRM_API_DOMAIN": "https://www.zohoapis.com",
    "LEAD_SCORING_CRM_CLIENT_ID": "1000.ID",
    "LEAD_SCORING_CRM_REFRESH_TOKEN": "1000.refresh",
}
# case -> (variable, value ({tmp}: the test's folder, which holds a file a-file.txt), others)
CASES = {
    "memory limit": ("LEAD_SCORING_DUCKDB_MEMORY_LIMIT", "lots", {}),
    "cron with minute 61": ("LEAD_SCORING_SCHEDULE_CRON", "61 2 * * *", {}),
    "cron in words": ("LEAD_SCORING_SCHEDULE_CRON", "every night", {}),
    "timezone": ("LEAD_SCORING_TIMEZONE", "Mars/Olympus_Mons", {}),
    "CRM timeout": ("LEAD_SCORING_CRM_TIMEOUT_SECONDS", "abc", {}),
    "CRM timeout zero": ("LEAD_SCORING_CRM_TIMEOUT_SECONDS", "0", {}),
    "CRM workers": ("LEAD_SCORING_CRM_MAX_WORKERS", "0", {}),
    "CRM retries": ("LEAD_SCORING_CRM_MAX_RETRIES", "-1", {}),
    "CRM rate": ("LEAD_SCORING_CRM_REQUESTS_PER_SECOND", "fast", {}),
    "warehouse is a folder": ("LEAD_SCORING_DUCKDB", "{tmp}", {}),
    "landing folder is a file": ("LEAD_SCORING_WEB_EVENTS_DIR", "{tmp}/a-file.txt", {}),
    "scoring profile missing": ("LEAD_SCORING_PROFILE_DIR", "profiles/no-such-profile", {}),
    "landing folder missing": ("LEAD_SCORING_EMAIL_EVENTS_DIR", "{tmp}/nowhere", {}),
    "BI snapshot on the warehouse": ("LEAD_SCORING_PUBLISHED_DUCKDB", "{tmp}/warehouse.duckdb", {}),
    "API URL without scheme": ("LEAD_SCORING_CRM_API_DOMAIN", "www.zohoapis.com", {}),
    "accounts URL not http": ("LEAD_SCORING_CRM_ACCOUNTS_URL", "ftp://accounts.zoho.com", {}),
    "webhook URL": ("LEAD_SCORING_SLACK_WEBHOOK_URL", f"hooks.slack.com/{SECRET}", {}),
    "missing CRM secret": ("LEAD_SCORING_CRM_CLIENT_SECRET", "", REAL_CRM),
    "quarantine threshold": ("LEAD_SCORING_QUARANTINE_MAX_RATE", "1%", {}),
    "row-count threshold": ("LEAD_SCORING_ROW_COUNT_MAX_CHANGE", "-0.5", {}),
    "freshness threshold": ("LEAD_SCORING_FRESHNESS_HOURS", "two days", {}),
    "record size": ("LEAD_SCORING_MAX_RECORD_BYTES", "1MB", {}),
    "score time": ("LEAD_SCORING_SCORE_AS_OF", "20/11/2026", {}),
}


def files_under(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.parametrize("case", CASES)
def test_a_bad_value_stops_the_run_before_any_work(case, tmp_path):
    variable, template, others = CASES[case]
    (tmp_path / "a-file.txt").write_text("not a folder")
    value = template.format(tmp=tmp_path)
    env = bare_env(tmp_path, **others, **({variable: value} if value else {}))
    before = files_under(tmp_path)

    result = lead_scoring(["run"], env, timeout=TIMEOUT_SECONDS)

    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and variable in lines[0], result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert SECRET not in result.stderr + result.stdout
    assert not (tmp_path / "warehouse.duckdb").exists()
    assert files_under(tmp_path) == before


def test_the_table_covers_every_kind_the_issue_names():
    variables = {variable for variable, _, _ in CASES.values()}
    numeric_crm = {
        "LEAD_SCORING_CRM_TIMEOUT_SECONDS",
        "LEAD_SCORING_CRM_MAX_WORKERS",
        "LEAD_SCORING_CRM_MAX_RETRIES",
        "LEAD_SCORING_CRM_REQUESTS_PER_SECOND",
    }
    assert len(CASES) >= 15 and numeric_crm <= variables
