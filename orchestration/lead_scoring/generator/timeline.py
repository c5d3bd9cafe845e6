"""The generated window of days, event schedules in it, and realistic times of day.

Times are int64 milliseconds since the Unix epoch (UTC) everywhere inside the generator.
The window holds `days` whole UTC days and ends with `end_date` (inclusive).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np

DAY_MS = 86_400_000
HOUR_MS = 3_600_000
JST_OFFSET_MS = 9 * HOUR_MS
NEVER = np.iinfo(np.int64).max  # "this never happens" for int64 time arrays

# Share of business activity per JST hour 0..23: office hours, a lunch dip, some evenings.
_JST_HOUR_WEIGHTS = np.array(
    [1, 0.5, 0.3, 0.2, 0.2, 0.3, 1, 3, 6, 10, 11, 10, 7, 9, 11, 11, 10, 9, 7, 5, 4, 3, 2, 1.5]
)


@dataclass(frozen=True)
class Window:
    end_date: date
    days: int

    @property
    def first_date(self) -> date:
        return self.end_date - timedelta(days=self.days - 1)

    @property
    def start_ms(self) -> int:
        return _epoch_ms(self.first_date)

    @property
    def end_ms(self) -> int:
        """Exclusive: the first millisecond after the window."""
        return self.start_ms + self.days * DAY_MS

    def day_start(self, day: int) -> int:
        return self.start_ms + day * DAY_MS

    def day_date(self, day: int) -> date:
        return self.first_date + timedelta(days=day)

    def is_weekend(self, day: int) -> bool:
        return self.day_date(day).weekday() >= 5


def _epoch_ms(d: date) -> int:
    return int(datetime(d.year, d.month, d.day, tzinfo=UTC).timestamp() * 1000)


def business_ms_of_day(rng: np.random.Generator, n: int) -> np.ndarray:
    """Milliseconds after UTC midnight, following JST office rhythm."""
    p = _JST_HOUR_WEIGHTS / _JST_HOUR_WEIGHTS.sum()
    jst_hour = rng.choice(24, n, p=p)
    utc_hour = (jst_hour - 9) % 24
    return utc_hour * HOUR_MS + rng.integers(0, HOUR_MS, n)


def truncated_delay(rng: np.random.Generator, mean_ms: float, room_ms: np.ndarray) -> np.ndarray:
    """Exponential delays that never exceed `room_ms` (keeps a reaction inside its day)."""
    room = np.maximum(room_ms, 1).astype(float)
    u = rng.random(len(room))
    delay = -mean_ms * np.log1p(-u * (1 - np.exp(-room / mean_ms)))
    return np.minimum(delay.astype(np.int64), room.astype(np.int64) - 1)


def office_hours(ms: np.ndarray) -> np.ndarray:
    """Move times outside 9:00-19:00 JST to the next working morning (about 10:00)."""
    jst_hour = ((ms // HOUR_MS) + 9) % 24
    outside = (jst_hour < 9) | (jst_hour >= 19)
    days_ahead = np.where(jst_hour >= 19, 1, 0)
    morning = ((ms + JST_OFFSET_MS) // DAY_MS + days_ahead) * DAY_MS - JST_OFFSET_MS + 10 * HOUR_MS
    return np.where(outside, morning + ms % HOUR_MS, ms)
