"""The settings model: one declaration per variable, documented, with a usable example; the
cron check agrees with Dagster's own; secrets never shown."""

import re
from pathlib import Path

import pytest
from dagster._utils.schedules import is_valid_cron_string  # the oracle for cron strings

from lead_scoring.config import checks
from lead_scoring.config.load import load, shown
from lead_scoring.config.model import Settings
from lead_scoring.settings import SettingsError

CREDENTIALS = {  # a real CRM domain needs them; any values do for the check
    "LEAD_SCORING_CRM_CLIENT_ID": "1000.ID",
    "LEAD_SCORING_CRM_CLIENT_SECRET": "secret",
    "LEAD_SCORING_CRM_REFRESH_TOKEN": "1000.refresh",
}
ENV_EXAMPLE = (Path(__file__).parents[2] / ".env.example").read_text()


@pytest.mark.parametrize("field", Settings.model_fields)
def test_each_variable_is_in_env_example_and_its_example_is_usable(field):
    info = Settings.model_fields[field]
    assert re.search(rf"^{info.alias}=", ENV_EXAMPLE, re.MULTILINE), info.alias
    example = info.json_schema_extra["example"].strip("'")
    if not example.startswith("<") and not example.endswith("..."):
        load({**CREDENTIALS, info.alias: example})  # raises if the advertised example is bad


@pytest.mark.parametrize(
    "cron",
    ["0 2 * * *", "*/15 * * * 1-5", "0 0 1 jan,jul *", "30 6 * * sun", "5 4 * * 7"]
    + ["61 * * * *", "* 24 * * *", "0 0 0 * *", "0 0 * 13 *", "0 0 * * 8", "* * * *"]
    + ["*/0 * * * *", "5-1 * * * *", "a b c d e", "0 2 * * * *"],
)
def test_the_cron_check_agrees_with_dagster(cron):
    try:
        checks.cron(cron)
        ours = True
    except ValueError:
        ours = False
    assert ours == is_valid_cron_string(cron)


def test_unset_and_empty_mean_the_default_and_relative_paths_start_at_the_project():
    settings = load({"LEAD_SCORING_QUARANTINE_MAX_RATE": "", "LEAD_SCORING_DUCKDB": "x/w.duckdb"})
    assert settings.quarantine_max_rate == 0.01
    assert settings.duckdb == Path(__file__).parents[2] / "x" / "w.duckdb"


def test_every_bad_value_is_reported_at_once_one_line_each():
    with pytest.raises(SettingsError) as raised:
        load({"LEAD_SCORING_CRM_MAX_WORKERS": "0", "LEAD_SCORING_TIMEZONE": "Nowhere/Town"})
    assert len(raised.value.lines) == 2
    assert raised.value.lines[0].startswith("LEAD_SCORING_TIMEZONE='Nowhere/Town' is not usable")


def test_secrets_are_masked_in_errors_and_in_what_check_prints():
    secret = "https://hooks.example.com/T0/B0/very-secret"
    settings = load({"LEAD_SCORING_SLACK_WEBHOOK_URL": secret})
    assert shown("slack_webhook_url", settings.slack_webhook_url) == "***"
    assert secret not in repr(settings)
    with pytest.raises(SettingsError) as raised:
        load({"LEAD_SCORING_SLACK_WEBHOOK_URL": "hooks.example.com/very-secret"})
    assert "very-secret" not in str(raised.value) and "=***" in str(raised.value)
