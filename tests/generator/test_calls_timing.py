"""First calls: some within 24 hours of the lead turning hot, some later, some never."""

from datetime import date

import numpy as np

from lead_scoring.generator.calls import make_calls
from lead_scoring.generator.leads import make_leads
from lead_scoring.generator.marketing_calendar import make_calendar
from lead_scoring.generator.sales_work import pick_worked
from lead_scoring.generator.timeline import DAY_MS, NEVER, Window


def test_first_call_delays_cover_on_time_late_and_never():
    window = Window(date(2026, 6, 30), 90)
    leads = make_leads(3, 5_000, window, make_calendar(window))
    rng = np.random.default_rng(0)
    hot = np.where(
        rng.random(leads.persons) < 0.3,
        window.start_ms + rng.integers(0, 60 * DAY_MS, leads.persons),
        NEVER,
    )
    worked, work_ms = pick_worked(3, leads, hot, window)
    first = make_calls(3, leads, worked, work_ms, window).first_per_lead(len(leads))
    delay = (first - work_ms)[worked]
    within_day = np.mean(delay < DAY_MS)
    never = np.mean(first[worked] == NEVER)
    assert 0.3 < within_day < 0.7 and 0.1 < never < 0.4
    assert np.mean((delay >= DAY_MS) & (first[worked] < NEVER)) > 0.15
    assert (first[~worked] == NEVER).all()
