"""In-memory log of the requests the sandbox answered, for tests and debugging.

Entries hold method, path, query, JSON body, status and JSON answer, never a header, so no
access token ends up here; the token endpoint's secrets are masked. Memory is bounded by
bytes: the oldest entries go first.
"""

import json
import threading
from collections import deque

MASKED_KEYS = ("client_secret", "refresh_token", "access_token")


def mask(value):
    """A copy with every secret-bearing key's value replaced."""
    if isinstance(value, dict):
        return {k: "***" if k in MASKED_KEYS else mask(v) for k, v in value.items()}
    if isinstance(value, list):
        return [mask(v) for v in value]
    return value


class RequestLog:
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._entries: deque[tuple[int, dict]] = deque()
        self._bytes = 0
        self._seq = 0
        self._lock = threading.Lock()

    def add(self, entry: dict) -> None:
        entry = mask(entry)
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
