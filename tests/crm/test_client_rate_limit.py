"""The client-side rate limit: close to the CRM's limit without tripping it."""

import time
from datetime import datetime

from lead_scoring.crm import TokenBucket
from tests.crm.helpers import configure, lead, logged

SANDBOX_LIMIT = 20  # requests per second
CLIENT_RATE = 19  # 95% of it: arrival jitter cannot push a rolling second over the limit


def test_token_bucket_spaces_calls_at_the_rate():
    now = [0.0]
    bucket = TokenBucket(10, clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    waits = [bucket.acquire() for _ in range(11)]
    assert waits[0] == 0 and all(abs(w - 0.1) < 1e-9 for w in waits[1:])
    assert abs(now[0] - 1.0) < 1e-9


def test_stays_under_the_limit_and_reaches_90_percent_of_it(sandbox, make_client):
    configure(sandbox, rate_limit_per_second=SANDBOX_LIMIT)
    client = make_client(sandbox, requests_per_second=CLIENT_RATE, max_retries=0)
    client.upsert("Leads", [{"id": lead(0)["id"]}])  # token and connection set up first
    started, done = time.monotonic(), 0
    while time.monotonic() - started < 3.0:
        assert client.upsert("Leads", [{"id": lead(1)["id"], "Lead_Score": done}])[0].ok
        done += 1
    rate = done / (time.monotonic() - started)
    assert rate >= 0.9 * SANDBOX_LIMIT, f"only {rate:.1f} requests/s"
    assert client.metrics.throttled == 0
    assert 429 not in {e["status"] for e in logged(sandbox)}


def test_concurrent_batches_reach_the_limit_despite_slow_answers(sandbox, make_client):
    # 150 ms per answer caps one thread at ~6.7 requests/s; four threads fill the 20/s budget
    configure(sandbox, rate_limit_per_second=SANDBOX_LIMIT, latency_seconds=0.15)
    client = make_client(sandbox, requests_per_second=CLIENT_RATE, max_workers=4, max_retries=0)
    client.upsert("Leads", [{"id": lead(0)["id"]}])
    records = [{"id": lead(n % 5)["id"], "Lead_Score": n} for n in range(40)]
    started = time.monotonic()
    batches = client.upsert_all("Leads", records, batch_size=1)
    elapsed = time.monotonic() - started
    assert all(b.ok for b in batches) and client.metrics.throttled == 0
    arrivals = [datetime.fromisoformat(e["time"]) for e in logged(sandbox)[1:]]
    sustained = (len(arrivals) - 1) / (max(arrivals) - min(arrivals)).total_seconds()
    assert sustained >= 0.9 * SANDBOX_LIMIT, f"only {sustained:.1f} requests/s"
    # end to end, the last answer's 150 ms is the only extra
    assert len(batches) / elapsed >= 0.85 * SANDBOX_LIMIT
