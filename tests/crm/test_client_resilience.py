"""Retries with backoff on 429, 5xx, stalls and dead servers; clear errors when they run out."""

import random
import socket
import traceback

import pytest

from lead_scoring.crm import CrmError, ZohoCrmClient
from lead_scoring.crm.metrics import CrmMetrics
from lead_scoring.crm.transport import Transport
from tests.crm.helpers import configure, fast_settings, lead

SECRET = "s3cr3t-client-secret"


def _upsert_one(client):
    return client.upsert("Leads", [{"id": lead(1)["id"], "Lead_Score": 50}])


def test_server_errors_are_retried_with_backoff_until_success(sandbox):
    configure(sandbox, error_rate=0.5, seed=3)
    waits = []
    client = ZohoCrmClient(fast_settings(sandbox, max_retries=8), sleep=waits.append)
    for _ in range(10):
        assert _upsert_one(client)[0].ok
    metrics = client.metrics
    assert metrics.server_errors > 0
    assert metrics.retries == metrics.server_errors == len(waits)
    assert metrics.api_calls == 10 + metrics.retries
    assert all(0 <= wait <= 0.05 for wait in waits)


def test_throttling_is_retried_with_backoff_until_success(sandbox, make_client):
    configure(sandbox, rate_limit_per_second=10)
    client = make_client(
        sandbox, max_retries=10, backoff_base_seconds=0.05, backoff_max_seconds=0.5
    )
    for _ in range(20):
        assert _upsert_one(client)[0].ok
    assert client.metrics.throttled > 0


def test_exhausted_retries_name_the_endpoint_and_status_but_no_secret(sandbox):
    configure(sandbox, error_rate=1.0)
    settings = fast_settings(sandbox, max_retries=2)
    client = ZohoCrmClient(settings)
    with pytest.raises(CrmError) as caught:
        _upsert_one(client)
    error = caught.value
    assert str(error).startswith("POST /crm/v8/Leads/upsert failed after 3 attempts; last: HTTP 50")
    assert error.endpoint == "POST /crm/v8/Leads/upsert" and error.status in (500, 503)
    assert error.code == "INTERNAL_ERROR" and client.metrics.api_calls == 3
    rendered = "".join(traceback.format_exception(error)) + repr(error) + repr(error.args)
    for secret in (settings.client_secret, settings.refresh_token, "Zoho-oauthtoken"):
        assert secret not in rendered


def test_stalled_requests_time_out_and_are_retried(sandbox, make_client):
    configure(sandbox, stall_rate=0.5, stall_seconds=1.0, seed=1)
    client = make_client(sandbox, timeout_seconds=0.25, max_retries=6)
    for _ in range(4):
        assert _upsert_one(client)[0].ok
    assert client.metrics.timeouts > 0


def test_a_stall_on_every_attempt_gives_a_timeout_error(sandbox, make_client):
    configure(sandbox, stall_rate=1.0, stall_seconds=1.0)
    client = make_client(sandbox, timeout_seconds=0.2, max_retries=1)
    with pytest.raises(CrmError, match=r"failed after 2 attempts; last: no answer within 0.2 s"):
        _upsert_one(client)


def test_an_unreachable_crm_gives_a_clear_error():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = fast_settings(type("S", (), {"base_url": f"http://127.0.0.1:{port}"}))
    settings = settings.with_options(client_secret=SECRET, max_retries=1)
    with pytest.raises(
        CrmError, match=r"POST /oauth/v2/token failed .* connection error"
    ) as caught:
        ZohoCrmClient(settings).upsert("Leads", [{"Last_Name": "x"}])
    assert SECRET not in "".join(traceback.format_exception(caught.value))


def test_backoff_is_exponential_with_full_jitter():
    settings = fast_settings(type("S", (), {"base_url": "http://127.0.0.1:1"}))
    settings = settings.with_options(backoff_base_seconds=1.0, backoff_max_seconds=8.0)
    transport = Transport(settings, CrmMetrics(), rng=random.Random(0))
    for retry, cap in [(1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (6, 8.0)]:
        waits = [transport.backoff(retry) for _ in range(200)]
        assert all(0 <= w <= cap for w in waits)
        assert max(waits) > 0.9 * cap and min(waits) < 0.1 * cap  # spread over the whole range
