"""The client-side rate limit: close to the CRM's limit without tripping it.

The client and the sandbox share one fake clock, so pacing is exact and a loaded machine
cannot change the result. Throughput in real time is measured by `make bench`
(reverse ETL: at least 90% of the CRM's rate limit, nothing throttled)."""

import pytest

from lead_scoring.crm import CrmError, TokenBucket, ZohoCrmClient
from tests.crm.fake_clock import FakeClock, share_with_sandbox
from tests.crm.helpers import configure, fast_settings, lead, logged

SANDBOX_LIMIT = 20  # requests per second
CLIENT_RATE = 19  # 95% of it


def test_token_bucket_spaces_calls_at_the_rate():
    now = [0.0]
    bucket = TokenBucket(10, clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    waits = [bucket.acquire() for _ in range(11)]
    assert waits[0] == 0 and all(abs(w - 0.1) < 1e-9 for w in waits[1:])
    assert abs(now[0] - 1.0) < 1e-9


def _paced_client(server, clock: FakeClock, rate: float) -> ZohoCrmClient:
    settings = fast_settings(server, requests_per_second=rate, max_retries=0)
    return ZohoCrmClient(settings, clock=clock, sleep=clock.sleep)


def _send(client: ZohoCrmClient, count: int) -> list[bool]:
    return [
        client.upsert("Leads", [{"id": lead(1)["id"], "Lead_Score": n}])[0].ok for n in range(count)
    ]


def test_the_client_stays_under_the_limit_at_95_percent_of_it(sandbox):
    configure(sandbox, rate_limit_per_second=SANDBOX_LIMIT)
    clock = FakeClock()
    share_with_sandbox(sandbox, clock)
    with _paced_client(sandbox, clock, CLIENT_RATE) as client:
        client.upsert("Leads", [{"id": lead(0)["id"]}])  # token set up first
        started = clock()
        assert all(_send(client, 60))
        elapsed = clock() - started
        assert client.metrics.throttled == 0

    assert 429 not in {e["status"] for e in logged(sandbox)}
    # 60 calls after the warm-up, each 1/19 s after the one before: 95% of the limit exactly
    assert abs(elapsed - 60 / CLIENT_RATE) < 1e-6


def test_a_client_faster_than_the_limit_is_throttled(sandbox):
    # the control: the same harness does see a client that exceeds the CRM's limit
    configure(sandbox, rate_limit_per_second=SANDBOX_LIMIT)
    clock = FakeClock()
    share_with_sandbox(sandbox, clock)
    with _paced_client(sandbox, clock, 25) as client:
        client.upsert("Leads", [{"id": lead(0)["id"]}])
        with pytest.raises(CrmError, match="HTTP 429 TOO_MANY_REQUESTS"):
            _send(client, 60)

    # 25/s against 20/s: calls at 0, 0.04, ... 0.76 s pass; the 21st (0.8 s) is the 21st
    # inside one second and the first refused
    api = [e["status"] for e in logged(sandbox) if e["path"].startswith("/crm/")]
    assert api == [200] * 20 + [429]
