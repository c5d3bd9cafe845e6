"""LEAD_SCORING_CRM_DATA_CENTER gives both hosts; the token answer's api_domain wins."""

import pytest

from lead_scoring.crm import ZohoCrmClient, ZohoSettings
from tests.crm.helpers import fast_settings, logged

CREDENTIALS = {
    "LEAD_SCORING_CRM_CLIENT_ID": "1000.ID",
    "LEAD_SCORING_CRM_CLIENT_SECRET": "s",
    "LEAD_SCORING_CRM_REFRESH_TOKEN": "r",
}


def test_jp_data_center_alone_gives_the_jp_hosts():
    settings = ZohoSettings.from_env({"LEAD_SCORING_CRM_DATA_CENTER": "jp", **CREDENTIALS})
    assert settings.accounts_url == "https://accounts.zoho.jp"
    assert settings.api_domain == "https://www.zohoapis.jp"


@pytest.mark.parametrize(
    ("center", "accounts", "api"),
    [
        ("com", "https://accounts.zoho.com", "https://www.zohoapis.com"),
        ("eu", "https://accounts.zoho.eu", "https://www.zohoapis.eu"),
        ("com.au", "https://accounts.zoho.com.au", "https://www.zohoapis.com.au"),
        ("ca", "https://accounts.zohocloud.ca", "https://www.zohoapis.ca"),
    ],
)
def test_each_data_center_has_its_own_pair(center, accounts, api):
    settings = ZohoSettings.from_env({"LEAD_SCORING_CRM_DATA_CENTER": center, **CREDENTIALS})
    assert (settings.accounts_url, settings.api_domain) == (accounts, api)


def test_an_explicit_url_overrides_the_data_center():
    env = {"LEAD_SCORING_CRM_DATA_CENTER": "eu", **CREDENTIALS}
    env["LEAD_SCORING_CRM_API_DOMAIN"] = "https://crm.example.eu"
    settings = ZohoSettings.from_env(env)
    assert settings.api_domain == "https://crm.example.eu"
    assert settings.accounts_url == "https://accounts.zoho.eu"


def test_an_unknown_data_center_names_the_variable_and_the_choices():
    expected = "LEAD_SCORING_CRM_DATA_CENTER='mars' is not usable: not a Zoho data centre.*jp"
    with pytest.raises(ValueError, match=expected):
        ZohoSettings.from_env({"LEAD_SCORING_CRM_DATA_CENTER": "mars", **CREDENTIALS})


def test_api_domain_from_the_token_answer_is_used(start_sandbox):
    api_server = start_sandbox(leads=3)
    # a second server on the same database (so it knows the tokens) plays the accounts host,
    # answering with the other host's api_domain, as Zoho's accounts server does
    accounts = start_sandbox(api_domain=api_server.base_url)
    settings = fast_settings(accounts)  # configured API domain: the accounts host
    with ZohoCrmClient(settings) as client:
        records = list(client.iter_records("Leads", ["Email"]))
        assert client.api_domain == api_server.base_url
    assert len(records) == 3
    assert [e["path"] for e in logged(api_server)] == ["/crm/v8/Leads"]
    assert logged(accounts) == []  # no API call went to the configured domain
