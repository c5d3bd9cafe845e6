"""Fault injection: throttling like Zoho, random 5xx, stalls and refused records.

Random draws come from one seeded RNG, so a sequential client sees the same faults on every
run with the same seed.
"""

import bisect
import random
import threading
import time

from lead_scoring.crm.sandbox.config import SandboxConfig

ERROR_STATUSES = (500, 503)


class FaultInjector:
    def __init__(self, config: SandboxConfig, clock=time.monotonic):
        self._config = config
        self._clock = clock
        self._lock = threading.Lock()
        self._rng = random.Random(config.seed)
        self._accepted: list[float] = []  # times of accepted API requests, last minute only

    def reseed(self) -> None:
        with self._lock:
            self._rng = random.Random(self._config.seed)
            self._accepted.clear()

    def admit(self) -> bool:
        """Count one API request against the rate limits; False means answer 429."""
        per_second = self._config.rate_limit_per_second
        per_minute = self._config.rate_limit_per_minute
        with self._lock:
            now = self._clock()
            del self._accepted[: bisect.bisect_right(self._accepted, now - 60.0)]
            last_second = len(self._accepted) - bisect.bisect_right(self._accepted, now - 1.0)
            if per_second is not None and last_second >= per_second:
                return False
            if per_minute is not None and len(self._accepted) >= per_minute:
                return False
            self._accepted.append(now)
            return True

    def _draw(self, rate: float) -> bool:
        if rate <= 0:
            return False
        with self._lock:
            return self._rng.random() < rate

    def server_error(self) -> int | None:
        """An HTTP status to answer instead of serving the request, or None."""
        if not self._draw(self._config.error_rate):
            return None
        with self._lock:
            return self._rng.choice(ERROR_STATUSES)

    def stall_seconds(self) -> float:
        return self._config.stall_seconds if self._draw(self._config.stall_rate) else 0.0

    def reject_record(self) -> bool:
        return self._draw(self._config.reject_rate)
