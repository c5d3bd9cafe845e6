"""Counters of what the client did, for run metadata and dashboards."""

import threading
from dataclasses import dataclass, field, fields


@dataclass
class CrmMetrics:
    api_calls: int = 0  # HTTP requests sent to the CRM API, retries included
    retries: int = 0  # requests sent again after a 429, 5xx, timeout or connection error
    throttled: int = 0  # 429 answers
    server_errors: int = 0  # 5xx answers
    timeouts: int = 0  # requests without an answer in time (incl. connection errors)
    token_refreshes: int = 0  # access tokens fetched
    rate_limit_wait_seconds: float = 0.0  # time spent waiting on the client-side limiter
    # monotonic times of the first and last API request: the rate the CRM's limit sees
    _first_call: float | None = field(default=None, repr=False, compare=False)
    _last_call: float | None = field(default=None, repr=False, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, name: str, amount: float = 1) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + amount)

    def call_sent(self, at: float) -> None:
        with self._lock:
            self.api_calls += 1
            self._first_call = at if self._first_call is None else self._first_call
            self._last_call = at

    def snapshot(self) -> dict:
        with self._lock:
            counts = {f.name: getattr(self, f.name) for f in fields(self) if f.name[0] != "_"}
            span = (self._last_call or 0.0) - (self._first_call or 0.0)
            counts["calls_per_second"] = (self.api_calls - 1) / span if span > 0 else 0.0
            return counts
