"""Who browses the website and when each browser becomes known (the Segment `identify`).

Actors [0, persons) are the leads' people, in person order; the rest are anonymous visitors
who never fill a form. A person's browsing starts before the form fill for form-born leads, so
identity resolution has anonymous history to attach.
"""

from dataclasses import dataclass

import numpy as np

from lead_scoring.generator import vocab
from lead_scoring.generator.leads import Leads
from lead_scoring.generator.randomness import stream
from lead_scoring.generator.timeline import DAY_MS, NEVER, Window

NOISE_SHARE = 0.5  # anonymous visitors per person
FORM_BORN = (vocab.WEB_FORM, vocab.ADVERTISEMENT, vocab.SEMINAR, vocab.TRADE_SHOW)
RESEARCH_DAYS = 12.0  # mean anonymous browsing before a form fill


@dataclass(frozen=True)
class WebActors:
    persons: int
    behavior: np.ndarray  # 0..1 engagement propensity
    activity: np.ndarray  # multiplicative noise on rates
    start_day: np.ndarray  # first window day the actor may browse
    identify_ms: np.ndarray  # when the actor identifies; NEVER for anonymous ones
    source: np.ndarray  # lead source of persons, -1 for anonymous visitors

    def __len__(self) -> int:
        return len(self.behavior)


def make_actors(seed: int, leads: Leads, window: Window) -> WebActors:
    rng = stream(seed, "actors")
    p = leads.persons
    created, source = leads.created_ms[:p], leads.source[:p]
    form_born = np.isin(source, FORM_BORN)
    identify = np.where(form_born, created - rng.integers(10_000, 60_000, p), NEVER)
    later = created + rng.exponential(20 * DAY_MS, p).astype(np.int64)
    joins = ~form_born & (rng.random(p) < 0.35 + 0.5 * leads.behavior[:p]) & (later < window.end_ms)
    identify = np.where(joins, later, identify)
    research = np.where(form_born, rng.exponential(RESEARCH_DAYS * DAY_MS, p), 0).astype(np.int64)
    start_day = np.clip((created - research - window.start_ms) // DAY_MS, 0, None)
    noise = int(p * NOISE_SHARE)
    return WebActors(
        persons=p,
        behavior=np.concatenate([leads.behavior[:p], rng.uniform(0, 0.15, noise)]),
        activity=np.concatenate([leads.activity[:p], rng.lognormal(-0.125, 0.5, noise)]),
        start_day=np.concatenate([start_day, np.zeros(noise, np.int64)]),
        identify_ms=np.concatenate([identify, np.full(noise, NEVER)]),
        source=np.concatenate([source, np.full(noise, -1)]),
    )
