"""A thread-safe token bucket: callers wait so requests leave at most `rate` per second.

Each caller reserves the next slot under the lock and sleeps outside it, so waiting threads
are served in arrival order and never burst past `capacity`.
"""

import threading
import time


class TokenBucket:
    def __init__(self, rate: float, capacity: float = 1.0, clock=time.monotonic, sleep=time.sleep):
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.capacity = capacity
        self._clock = clock
        self._sleep = sleep
        self._tokens = capacity
        self._last = clock()
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Take one token, waiting if needed; returns the seconds waited."""
        with self._lock:
            now = self._clock()
            self._tokens = min(self.capacity, self._tokens + (now - self._last) * self.rate)
            self._last = now
            self._tokens -= 1  # may go negative: a reservation the caller waits out
            wait = -self._tokens / self.rate if self._tokens < 0 else 0.0
        if wait:
            self._sleep(wait)
        return wait
