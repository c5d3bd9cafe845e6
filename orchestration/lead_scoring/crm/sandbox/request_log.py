"""In-memory log of the requests the sandbox answered, for tests and debugging.

Entries hold method, path, query, JSON body, status and JSON answer, never a header, so no
access token ends up here; the token endpoint's secrets are masked. Memory is bounded by
bytes: the oldest entries go first.

Secrets travel only as top-level keys (the token endpoint's form and answer are flat), so only
top-level keys are masked: walking and copying every record of every write cost the sandbox
a sixth of its time per request, which the sync's throughput measures.
"""

import json
import threading
from collections import deque

MASKED_KEYS = frozenset({"client_secret", "refresh_token", "access_token"})


def mask(value):
    """`value`, or a shallow copy of a dict with its secret-bearing keys' values replaced."""
    if isinstance(value, dict) and not MASKED_KEYS.isdisjoint(value):
        return {k: "***" if k in MASKED_KEYS else v for k, v in value.items()}
    return value


class RequestLog:
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._entries: deque[tuple[int, dict]] = deque()
        self._bytes = 0
        self._seq = 0
        self._lock = threading.Lock()

    def add(self, entry: dict) -> None:
        entry = {k: mask(v) for k, v in entry.items()}
        size = len(json.dumps(entry, default=str))
        with self._lock:
            self._seq += 1
            entry["seq"] = self._seq
            self._entries.append((size, entry))
            self._bytes += size
            while self._bytes > self.max_bytes and len(self._entries) > 1:
                self._bytes -= self._entries.popleft()[0]

    def since(self, seq: int = 0, path_prefix: str = "") -> list[dict]:
        with self._lock:
            return [
                e for _, e in self._entries if e["seq"] > seq and e["path"].startswith(path_prefix)
            ]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0
