"""Marketing's calendar: webinars every two weeks, trade shows about monthly, weekly e-mail.

Dates are counted back from the window's last day, so every window of two weeks or more holds
a webinar and every window of five weeks or more a trade show.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from lead_scoring.generator.timeline import HOUR_MS, Window

WEBINAR_TITLES = (
    "リードスコアリング入門: 営業に渡すべきリードの見極め方",
    "Scoring leads with intent data",
    "MA × SFA 連携で商談化率を上げる方法",
    "BANT and MEDDIC in practice",
    "展示会リードのフォローアップ最前線",
    "Data-driven nurturing for B2B",
)
TRADE_SHOWS = (
    "Japan IT Week Tokyo",
    "Sales DX Expo Osaka",
    "Marketing Technology Fair",
    "業務改革EXPO 名古屋",
)
WEBINAR_UTC_HOUR = 5  # 14:00 JST
WEBINAR_MINUTES = 60


@dataclass(frozen=True)
class Calendar:
    webinar_days: (
        np.ndarray
    )  # day index per webinar, ascending; the last one may be after the window
    trade_show_days: np.ndarray  # first day index per show (shows last two days), ascending

    def webinar_ms(self, window: Window, webinar: np.ndarray) -> np.ndarray:
        return (
            window.start_ms + self.webinar_days[webinar] * 86_400_000 + WEBINAR_UTC_HOUR * HOUR_MS
        )

    def next_webinar(self, day: int) -> int:
        """Index of the first webinar strictly after `day`."""
        return int(np.searchsorted(self.webinar_days, day, side="right"))

    def show_on(self, day: int) -> int:
        """Index of the trade show running on `day`, or -1."""
        hits = np.flatnonzero((self.trade_show_days <= day) & (day <= self.trade_show_days + 1))
        return int(hits[0]) if len(hits) else -1


def make_calendar(window: Window) -> Calendar:
    last = window.days - 1
    webinars = np.arange(last + 8, -1, -14)[::-1]  # one upcoming webinar after the window
    shows = np.arange(last - 12, 0, -35)[::-1]
    return Calendar(webinars.astype(np.int64), shows.astype(np.int64))


def webinar_id(window: Window, calendar: Calendar, webinar: int) -> str:
    return "wbn-" + window.day_date(int(calendar.webinar_days[webinar])).strftime("%Y%m%d")


def webinar_schedule(window: Window, calendar: Calendar, webinar: int) -> tuple[str, str]:
    """Scheduled start and end (ISO 8601 UTC), as a webinar platform's registration carries."""
    start_ms = int(calendar.webinar_ms(window, np.array([webinar]))[0])
    end_ms = start_ms + WEBINAR_MINUTES * 60_000
    return _iso(start_ms), _iso(end_ms)


def _iso(epoch_ms: int) -> str:
    return datetime.fromtimestamp(epoch_ms / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def webinar_title(webinar: int) -> str:
    return WEBINAR_TITLES[webinar % len(WEBINAR_TITLES)]


def trade_show_name(window: Window, calendar: Calendar, show: int) -> str:
    year = window.day_date(int(calendar.trade_show_days[show])).year
    return f"{TRADE_SHOWS[show % len(TRADE_SHOWS)]} {year}"
