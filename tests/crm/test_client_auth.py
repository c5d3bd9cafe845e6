"""The client's OAuth handling and secret hygiene."""

import traceback

import pytest

from lead_scoring.crm import CrmAuthError, ZohoCrmClient, ZohoSettings
from tests.crm.fake_clock import FakeClock, share_with_sandbox
from tests.crm.helpers import fast_settings, logged

SECRET = "s3cr3t-client-secret"
REFRESH = "1000.s3cr3t-refresh"


def _read(client):
    return list(client.iter_pages("Leads", ["Email"]))


def test_token_is_fetched_on_first_use_and_reused(sandbox, make_client):
    client = make_client(sandbox)
    assert client.metrics.token_refreshes == 0
    _read(client)
    _read(client)
    assert client.metrics.token_refreshes == 1


def _clocked_client(server, clock: FakeClock) -> ZohoCrmClient:
    share_with_sandbox(server, clock)
    return ZohoCrmClient(fast_settings(server), clock=clock, sleep=clock.sleep)


def test_expired_token_is_refreshed_after_a_401_and_the_call_retried(start_sandbox):
    # the sandbox announces 100 s and drops the token at 100 s; the client renews at 90 s. A
    # sandbox clock ahead of the client's (101 s against 0 s) means the client still trusts a
    # token the sandbox refuses, so the 401 path must recover
    server, clock = start_sandbox(leads=3, token_lifetime=100), FakeClock()
    with _clocked_client(server, clock) as client:
        _read(client)
        server.app.ctx.clock = lambda: clock() + 101
        assert len([r for page in _read(client) for r in page.records]) == 3
        assert client.metrics.token_refreshes == 2
    assert [e["status"] for e in logged(server)] == [200, 401, 200]


def test_token_is_renewed_before_it_expires(start_sandbox):
    server, clock = start_sandbox(leads=1, token_lifetime=100), FakeClock()
    with _clocked_client(server, clock) as client:
        _read(client)
        clock.advance(89)  # before 90% of the announced lifetime: the same token
        _read(client)
        assert client.metrics.token_refreshes == 1
        clock.advance(2)  # past 90%, still valid for the sandbox: renewed all the same
        _read(client)
        assert client.metrics.token_refreshes == 2
    assert 401 not in [e["status"] for e in logged(server)]


def test_a_token_refused_twice_raises_an_auth_error(start_sandbox, make_client):
    server = start_sandbox(leads=1, token_lifetime=0)  # dead on arrival
    with pytest.raises(CrmAuthError, match=r"GET /crm/v8/Leads refused .* \(INVALID_TOKEN\)"):
        _read(make_client(server))


def test_wrong_credentials_raise_a_clear_error_without_the_secret(sandbox):
    settings = fast_settings(sandbox).with_options(client_secret=SECRET, refresh_token=REFRESH)
    with pytest.raises(CrmAuthError) as caught:
        _read(ZohoCrmClient(settings))
    assert "POST /oauth/v2/token" in str(caught.value)
    assert "invalid_client" in str(caught.value)
    rendered = "".join(traceback.format_exception(caught.value)) + repr(caught.value)
    assert SECRET not in rendered and REFRESH not in rendered


def test_settings_and_client_reprs_hide_secrets(sandbox):
    settings = fast_settings(sandbox).with_options(client_secret=SECRET, refresh_token=REFRESH)
    client = ZohoCrmClient(settings)
    for text in (repr(settings), str(settings), repr(client), repr(client._tokens)):
        assert SECRET not in text and REFRESH not in text
    assert "client_secret=***" in repr(settings)


def test_settings_from_env():
    local = ZohoSettings.from_env({})
    assert local.api_domain == "http://127.0.0.1:8765" and local.client_id
    env = {
        "LEAD_SCORING_CRM_API_DOMAIN": "https://www.zohoapis.jp/",
        "LEAD_SCORING_CRM_ACCOUNTS_URL": "https://accounts.zoho.jp",
        "LEAD_SCORING_CRM_CLIENT_ID": "1000.ID",
        "LEAD_SCORING_CRM_CLIENT_SECRET": SECRET,
        "LEAD_SCORING_CRM_REFRESH_TOKEN": REFRESH,
        "LEAD_SCORING_CRM_REQUESTS_PER_SECOND": "9.5",
        "LEAD_SCORING_CRM_MAX_WORKERS": "4",
    }
    real = ZohoSettings.from_env(env)
    assert (real.api_domain, real.requests_per_second, real.max_workers) == (
        "https://www.zohoapis.jp",
        9.5,
        4,
    )
    del env["LEAD_SCORING_CRM_REFRESH_TOKEN"]
    with pytest.raises(ValueError, match="LEAD_SCORING_CRM_REFRESH_TOKEN is required"):
        ZohoSettings.from_env(env)
