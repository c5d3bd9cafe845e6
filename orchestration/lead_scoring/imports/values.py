"""One cell of an imported file -> its typed value, or what is wrong with it.

CSV cells arrive as text; Parquet and JSON lines may already be typed. An empty cell is a
missing value (None). Times become ISO 8601 UTC text (`2026-11-20T10:00:00Z`); a time without
an offset is taken as UTC, as everywhere in the warehouse.
"""

import math
from datetime import UTC, date, datetime
from decimal import Decimal

TRUE_WORDS = ("true", "t", "yes", "y", "1")
FALSE_WORDS = ("false", "f", "no", "n", "0")
SLASH_FORMATS = ("%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d")


class BadValue(ValueError):
    """The cell cannot be read as its mapped type; the message says what it expected."""


def _shown(value) -> str:
    text = str(value)
    return f'"{text[:60]}"' + ("..." if len(text) > 60 else "")


def _number(value):
    if isinstance(value, bool):
        raise BadValue(f"{_shown(value)} is not a number")
    if isinstance(value, int | float | Decimal):
        number = value
    else:
        text = str(value).strip()
        try:
            number = int(text)
        except ValueError:
            try:
                number = float(text)
            except ValueError:
                raise BadValue(f"{_shown(value)} is not a number") from None
    if isinstance(number, Decimal):
        number = int(number) if number == number.to_integral_value() else float(number)
    if isinstance(number, float) and not math.isfinite(number):
        raise BadValue(f"{_shown(value)} is not a finite number")
    return number


def _boolean(value) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise BadValue(f"{_shown(value)} is not true/false (or yes/no, 1/0)")


def _moment(value) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    for pattern in SLASH_FORMATS:
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    raise BadValue(f"{_shown(value)} is not a date or time (expected ISO 8601, e.g. 2026-11-20)")


def _timestamp(value) -> str:
    moment = _moment(value)
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    spec = "microseconds" if moment.microsecond else "seconds"
    return moment.replace(tzinfo=None).isoformat(timespec=spec) + "Z"


def _text(value) -> str:
    if isinstance(value, dict | list):
        raise BadValue(f"{_shown(value)} is a list or object, expected text")
    if isinstance(value, datetime | date):
        return _timestamp(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an id read as 1234.0 is the id 1234
    return str(value).strip()


CONVERTERS = {"text": _text, "number": _number, "boolean": _boolean, "timestamp": _timestamp}


def is_missing(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def typed(value, kind: str):
    """The cell as `kind` (None when empty); BadValue when it cannot be read."""
    if is_missing(value):
        return None
    return CONVERTERS[kind](value)
