"""Vectorised text: ids, timestamps and numbers as fixed-width byte matrices, and JSON lines
joined from Arrow string columns.

Formatting tens of millions of values one Python string at a time (or even per row in SQL)
dominates the run time; here each column is a handful of numpy operations, and the final
line is one Arrow `binary_join_element_wise` over fragments.
"""

import base64

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

_DIGIT0 = ord("0")
_PADDED = {
    w: np.frombuffer("".join(f"{i:0{w}d}" for i in range(10**w)).encode(), np.uint8).reshape(-1, w)
    for w in (1, 2, 3)
}


def mix64(*keys) -> np.ndarray:
    """SplitMix64 over the combined keys: a fast, well-spread, reproducible hash."""
    z = np.zeros(np.broadcast(*keys).shape, np.uint64)
    with np.errstate(over="ignore"):
        for key in keys:
            z = z ^ np.asarray(key).astype(np.uint64)
            z = z + np.uint64(0x9E3779B97F4A7C15)
            z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
            z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
            z = z ^ (z >> np.uint64(31))
    return z


def _random_bytes(keys: np.ndarray, salt: int, size: int) -> np.ndarray:
    """(n, size) bytes hashed from int keys."""
    words = np.stack([mix64(salt, i, keys) for i in range((size + 7) // 8)], axis=1)
    return words.view(np.uint8).reshape(len(keys), -1)[:, :size]


def hex_digits(keys: np.ndarray, salt: int, width: int = 32) -> np.ndarray:
    """(n, width) lower-case hex digits derived from int keys."""
    raw = np.ascontiguousarray(_random_bytes(keys, salt, (width + 1) // 2))
    text = np.frombuffer(raw.tobytes().hex().encode(), np.uint8)
    return text.reshape(len(keys), -1)[:, :width]


def uuid_digits(keys: np.ndarray, salt: int) -> np.ndarray:
    """(n, 36) UUID-shaped text: 8-4-4-4-12 hex digits."""
    hexes = hex_digits(keys, salt)
    dash = np.full((len(keys), 1), ord("-"), np.uint8)
    parts = [hexes[:, 0:8], hexes[:, 8:12], hexes[:, 12:16], hexes[:, 16:20], hexes[:, 20:32]]
    return np.hstack([parts[0], dash, parts[1], dash, parts[2], dash, parts[3], dash, parts[4]])


def base64url_digits(keys: np.ndarray, salt: int, width: int = 22) -> np.ndarray:
    """(n, width) base64url characters (SendGrid-style event ids)."""
    size = (width + 3) // 4 * 3  # whole 3-byte groups, so ids never share a group
    raw = np.ascontiguousarray(_random_bytes(keys, salt, size))
    text = np.frombuffer(base64.urlsafe_b64encode(raw.tobytes()), np.uint8)
    return text.reshape(len(keys), -1)[:, :width]


def decimal_digits(values: np.ndarray, width: int) -> np.ndarray:
    """(n, width) zero-padded decimal digits of non-negative ints."""
    values = np.asarray(values, np.int64)
    if width <= 3:  # hot path for clock fields: one table lookup
        return _PADDED[width][values]
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    return (_DIGIT0 + (values[:, None] // powers) % 10).astype(np.uint8)


def _clock_table() -> np.ndarray:
    """(86400, 8) `HH:MM:SS` for every second of a day."""
    second = np.arange(86_400)
    parts = [second // 3600, second // 60 % 60, second % 60]
    colon = np.full((86_400, 1), ord(":"), np.uint8)
    hh, mm, ss = (_PADDED[2][p] for p in parts)
    return np.hstack([hh, colon, mm, colon, ss])


_CLOCK = _clock_table()


def iso_ms_digits(ms: np.ndarray) -> np.ndarray:
    """(n, 24) `YYYY-MM-DDTHH:MM:SS.mmmZ` for epoch milliseconds (UTC)."""
    days, rest = np.divmod(np.asarray(ms, np.int64), 86_400_000)
    first = int(days.min()) if len(days) else 0
    span = np.arange(first, int(days.max()) + 1 if len(days) else 1)  # a few days: no sort
    dates = np.datetime_as_string(span.astype("datetime64[D]")).astype("S10")
    date_bytes = np.frombuffer(dates.tobytes(), np.uint8).reshape(-1, 10)
    seconds, millis = np.divmod(rest, 1_000)
    n = len(days)
    out = np.empty((n, 24), np.uint8)
    out[:, :10] = date_bytes[days - first]
    out[:, 10], out[:, 19], out[:, 23] = ord("T"), ord("."), ord("Z")
    out[:, 11:19] = _CLOCK[seconds]
    out[:, 20:23] = _PADDED[3][millis]
    return out


def fixed(*parts) -> pa.StringArray:
    """Concatenate byte matrices and bytes literals column-wise into one Arrow string array."""
    n = next(len(p) for p in parts if isinstance(p, np.ndarray))
    blocks = [
        p if isinstance(p, np.ndarray) else np.tile(np.frombuffer(p, np.uint8), (n, 1))
        for p in parts
    ]
    matrix = np.ascontiguousarray(np.hstack(blocks))
    width = matrix.shape[1]
    offsets = np.arange(n + 1, dtype=np.int32) * width
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(matrix))


def lookup(table, index: np.ndarray, present=None) -> pa.Array:
    """table[index] per row as an Arrow string array; null where `present` is False.
    `table` is a list of strings or a prebuilt Arrow array (for big per-person tables)."""
    values = table if isinstance(table, pa.Array) else pa.array(table, pa.string())
    mask = None if present is None else ~np.asarray(present, bool)
    return values.take(pa.array(np.asarray(index, np.int64), mask=mask))


def join(*parts) -> pa.Array:
    """Row-wise concatenation; null parts count as empty (that is how optional keys drop out)."""
    return pc.binary_join_element_wise(*parts, "", null_handling="replace", null_replacement="")
