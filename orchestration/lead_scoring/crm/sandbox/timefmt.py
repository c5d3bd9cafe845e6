"""Zoho timestamps: ISO 8601, second precision, with the user's UTC offset."""

import time
from datetime import UTC, date, datetime, timedelta, timezone


def parse_offset(offset: str) -> timezone:
    """'+09:00' -> a fixed-offset time zone."""
    sign = -1 if offset.startswith("-") else 1
    hours, minutes = offset.lstrip("+-").split(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))


def format_ts(ts: float, offset: str) -> str:
    return datetime.fromtimestamp(ts, parse_offset(offset)).isoformat(timespec="seconds")


def now_ts() -> float:
    return time.time()


def parse_datetime(text: str) -> datetime | None:
    """A Zoho date-time (offset required), or None when it is not one."""
    if not isinstance(text, str) or "T" not in text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def parse_ts(text, default: float) -> float:
    parsed = parse_datetime(text) if text else None
    return parsed.timestamp() if parsed else default


def is_date(text) -> bool:
    try:
        date.fromisoformat(text)
    except (TypeError, ValueError):
        return False
    return len(text) == 10


def utc_iso(ts: float) -> str:
    """For the request log: milliseconds, so tests can measure request rates from it."""
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="milliseconds")
