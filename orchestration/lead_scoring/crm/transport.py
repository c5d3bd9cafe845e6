"""HTTP with retries: exponential backoff with full jitter on 429, 5xx, timeouts and
connection errors; an optional client-side rate limit; counters for every attempt.

Zoho sends no Retry-After on 429, so the backoff alone decides the wait. A request that is
not idempotent (a create) is retried only after a 429, the one answer that proves nothing was
done: after a 5xx or a timeout the CRM may have applied it, so the caller checks first.
"""

import random
import threading
import time

import requests
from requests.adapters import HTTPAdapter

from lead_scoring.crm.errors import CrmError
from lead_scoring.crm.metrics import CrmMetrics
from lead_scoring.crm.ratelimit import TokenBucket
from lead_scoring.crm.settings import ZohoSettings

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
NETWORK_ERRORS = (requests.ConnectionError, requests.exceptions.ChunkedEncodingError)


def error_code(response: requests.Response) -> str | None:
    """Zoho's `code` (or the token endpoint's `error`) from an answer, when it has one."""
    try:
        body = response.json()
    except ValueError:
        return None
    return (body.get("code") or body.get("error")) if isinstance(body, dict) else None


class Transport:
    def __init__(
        self,
        settings: ZohoSettings,
        metrics: CrmMetrics,
        *,
        limiter: TokenBucket | None = None,
        sleep=time.sleep,
        rng: random.Random | None = None,
    ):
        self.settings = settings
        self.metrics = metrics
        self._limiter = limiter
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._local = threading.local()  # requests.Session is not thread-safe: one per thread
        self._sessions: list[requests.Session] = []
        self._lock = threading.Lock()

    def session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.mount("http://", HTTPAdapter(pool_maxsize=4, max_retries=0))
            session.mount("https://", HTTPAdapter(pool_maxsize=4, max_retries=0))
            self._local.session = session
            with self._lock:
                self._sessions.append(session)
        return session

    def close(self) -> None:
        with self._lock:
            for session in self._sessions:
                session.close()
            self._sessions.clear()

    def backoff(self, retry: int) -> float:
        """Full jitter: uniform in [0, min(max, base * 2**(retry - 1))]."""
        cap = min(
            self.settings.backoff_max_seconds, self.settings.backoff_base_seconds * 2 ** (retry - 1)
        )
        with self._lock:
            return self._rng.uniform(0, cap)

    def send(
        self,
        method: str,
        url: str,
        *,
        endpoint: str,
        api: bool = True,
        idempotent: bool = True,
        **kwargs,
    ):
        """The first answer that is not retryable; CrmError once retries run out.

        `api=False` (the token endpoint) skips the API rate limit and call counter;
        `idempotent=False` retries only after 429.
        """
        attempts = self.settings.max_retries + 1
        failure = ("no answer", None, None)
        for attempt in range(attempts):
            if attempt:
                self.metrics.add("retries")
                self._sleep(self.backoff(attempt))
            if api:
                self._count_call()
            response, failure = self._attempt(method, url, kwargs)
            if response is not None:
                return response
            if not idempotent and failure[1] != 429:
                attempts = attempt + 1
                break
        last, status, code = failure
        message = f"{endpoint} failed after {attempts} attempt{'s' * (attempts > 1)}; last: {last}"
        raise CrmError(message, endpoint=endpoint, status=status, code=code)

    def _attempt(self, method: str, url: str, kwargs: dict):
        """(response, None) when done; (None, (what happened, status, code)) to retry."""
        timeout = self.settings.timeout_seconds
        try:
            response = self.session().request(method, url, timeout=timeout, **kwargs)
        except requests.Timeout:
            self.metrics.add("timeouts")
            return None, (f"no answer within {timeout} s", None, None)
        except NETWORK_ERRORS as exc:
            self.metrics.add("timeouts")
            return None, (f"connection error ({type(exc).__name__})", None, None)
        if response.status_code not in RETRY_STATUSES:
            return response, None
        status, code = response.status_code, error_code(response)
        self.metrics.add("throttled" if status == 429 else "server_errors")
        return None, (f"HTTP {status}" + (f" {code}" if code else ""), status, code)

    def _count_call(self) -> None:
        if self._limiter is not None:
            self.metrics.add("rate_limit_wait_seconds", self._limiter.acquire())
        self.metrics.call_sent(time.monotonic())
