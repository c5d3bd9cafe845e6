"""A clock that moves only when told (or when someone sleeps on it), shared by a client and
the sandbox so that rates and token lifetimes are tested without waiting or wall-clock races."""

import threading
import time


class FakeClock:
    def __init__(self, start: float | None = None):
        self._now = time.time() if start is None else start  # the sandbox stamps records with it
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += seconds

    sleep = advance


def share_with_sandbox(server, clock: FakeClock) -> None:
    """Run the sandbox's token expiry and rate limit on `clock` (test-only hook)."""
    server.app.ctx.clock = clock
    server.app.faults._clock = clock  # noqa: SLF001  (the injector takes its clock at start)
