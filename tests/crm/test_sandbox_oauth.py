"""The sandbox's token endpoint and token checks behave like Zoho's."""

import json

import requests

from lead_scoring.crm.sandbox import DEFAULT_CLIENT_SECRET, DEFAULT_REFRESH_TOKEN
from tests.crm.fake_clock import FakeClock
from tests.crm.helpers import access_token, api

GRANT = {
    "grant_type": "refresh_token",
    "client_id": "1000.SANDBOX0CLIENT0ID",
    "client_secret": DEFAULT_CLIENT_SECRET,
    "refresh_token": DEFAULT_REFRESH_TOKEN,
}


def _token(server, **changes):
    return requests.post(f"{server.base_url}/oauth/v2/token", data={**GRANT, **changes}, timeout=5)


def test_refresh_grant_answers_a_bearer_token(sandbox):
    body = _token(sandbox).json()
    assert set(body) >= {"access_token", "api_domain", "token_type", "expires_in"}
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600
    assert body["api_domain"] == sandbox.base_url


def test_wrong_credentials_get_zohos_error_answer(sandbox):
    assert _token(sandbox, client_secret="wrong").json() == {"error": "invalid_client"}
    assert _token(sandbox, client_id="1000.OTHER").json() == {"error": "invalid_client"}
    assert _token(sandbox, refresh_token="1000.revoked").json() == {"error": "invalid_code"}


def test_unknown_token_gets_401_invalid_token(sandbox):
    response = api(sandbox, "GET", "Leads", token="1000.not-issued", params={"fields": "Email"})
    assert response.status_code == 401
    assert response.json() == {
        "code": "INVALID_TOKEN",
        "details": {},
        "message": "invalid oauth token",
        "status": "error",
    }


def test_missing_header_is_an_authentication_failure(sandbox):
    response = requests.get(f"{sandbox.base_url}/crm/v8/Leads?fields=Email", timeout=5)
    assert response.status_code == 401
    assert response.json()["code"] == "AUTHENTICATION_FAILURE"


def test_tokens_expire_after_their_lifetime(start_sandbox):
    server, clock = start_sandbox(leads=1, token_lifetime=100), FakeClock()
    server.app.ctx.clock = clock
    token = access_token(server)
    clock.advance(99.9)
    assert api(server, "GET", "Leads", token=token, params={"fields": "Email"}).status_code == 200
    clock.advance(0.1)
    expired = api(server, "GET", "Leads", token=token, params={"fields": "Email"})
    assert expired.status_code == 401
    assert expired.json()["code"] == "INVALID_TOKEN"


def test_request_log_holds_no_token_or_secret(sandbox):
    token = access_token(sandbox)
    api(sandbox, "GET", "Leads", token=token, params={"fields": "Email"})
    log = requests.get(f"{sandbox.base_url}/__sandbox/requests", timeout=5).text
    assert json.loads(log)["requests"], "the calls above should be logged"
    for secret in (token, DEFAULT_CLIENT_SECRET, DEFAULT_REFRESH_TOKEN, "Zoho-oauthtoken"):
        assert secret not in log
