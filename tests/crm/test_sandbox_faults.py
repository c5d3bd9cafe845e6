"""Fault injection: throttling, 5xx, stalls, refused records; reproducible with a seed."""

import pytest
import requests

from tests.crm.helpers import access_token, api, configure, lead


def _statuses(server, count: int) -> list[int]:
    token = access_token(server)
    return [
        api(server, "GET", "Leads", token=token, params={"fields": "Email"}).status_code
        for _ in range(count)
    ]


def test_rate_limit_per_second_answers_429_without_retry_after(sandbox):
    configure(sandbox, rate_limit_per_second=5)
    token = access_token(sandbox)
    responses = [
        api(sandbox, "GET", "Leads", token=token, params={"fields": "Email"}) for _ in range(7)
    ]
    assert [r.status_code for r in responses] == [200] * 5 + [429] * 2
    assert responses[-1].json()["code"] == "TOO_MANY_REQUESTS"
    assert "Retry-After" not in responses[-1].headers


def test_rate_limit_per_minute(sandbox):
    configure(sandbox, rate_limit_per_minute=3)
    assert _statuses(sandbox, 4) == [200, 200, 200, 429]


def test_error_rate_answers_500_or_503(sandbox):
    configure(sandbox, error_rate=1.0)
    response = api(sandbox, "GET", "Leads", params={"fields": "Email"})
    assert response.status_code in (500, 503)
    assert response.json()["code"] == "INTERNAL_ERROR"


def test_same_seed_same_faults(sandbox):
    configure(sandbox, error_rate=0.5, seed=7)
    first = _statuses(sandbox, 12)
    configure(sandbox, seed=7)  # setting the seed restarts the sequence
    assert _statuses(sandbox, 12) == first
    assert {200} < set(first), "a 0.5 error rate should mix answers"


def test_reject_rate_refuses_records_with_invalid_data(sandbox):
    configure(sandbox, reject_rate=1.0)
    response = api(sandbox, "POST", "Leads/upsert", json={"data": [{"id": lead(1)["id"]}]})
    assert response.status_code == 400
    assert response.json()["data"][0]["code"] == "INVALID_DATA"


def test_stalled_requests_outlast_a_client_timeout(sandbox):
    configure(sandbox, stall_rate=1.0, stall_seconds=0.5)
    with pytest.raises(requests.Timeout):
        api(sandbox, "GET", "Leads", params={"fields": "Email"}, timeout=0.2)


def test_config_endpoint_validates_and_masks_secrets(sandbox):
    url = f"{sandbox.base_url}/__sandbox/config"
    assert requests.post(url, json={"no_such_knob": 1}, timeout=5).status_code == 400
    assert requests.post(url, json={"client_secret": "x"}, timeout=5).status_code == 400
    assert requests.post(url, json={"error_rate": "high"}, timeout=5).status_code == 400
    refused = requests.post(url, json={"seed": 3, "reject_rate": 1.5}, timeout=5)
    assert refused.status_code == 400 and "fraction" in refused.json()["error"]
    assert requests.get(url, timeout=5).json()["seed"] == 0  # nothing applied
    shown = requests.get(url, timeout=5).json()
    assert shown["client_secret"] == "***" and shown["refresh_token"] == "***"
    assert configure(sandbox, token_lifetime=2)["token_lifetime"] == 2.0


def test_health(sandbox):
    assert requests.get(f"{sandbox.base_url}/__sandbox/health", timeout=5).json() == {
        "status": "ok"
    }
