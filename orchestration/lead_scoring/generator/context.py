"""Everything one generation run shares: arguments, population, calendar and running state."""

from dataclasses import dataclass

from lead_scoring.generator.identity import WebActors
from lead_scoring.generator.leads import Leads
from lead_scoring.generator.marketing_calendar import Calendar
from lead_scoring.generator.state import State
from lead_scoring.generator.timeline import DAY_MS, Window


@dataclass
class Context:
    seed: int
    window: Window
    calendar: Calendar
    leads: Leads
    actors: WebActors
    state: State

    def day_bounds(self, day: int) -> tuple[int, int]:
        start = self.window.day_start(day)
        return start, start + DAY_MS
