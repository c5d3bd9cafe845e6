"""One day of Segment events as numpy columns: browsing sessions and what happens in them.

Rates rise with the actor's behaviour propensity `b` (the person's intent, with noise from
`activity`), so buyers visit more, read pricing, download the price list and ask for quotes.
"""

import numpy as np

from lead_scoring.generator import batches, codes, site
from lead_scoring.generator import web_milestones as milestones
from lead_scoring.generator.context import Context
from lead_scoring.generator.randomness import stream
from lead_scoring.generator.timeline import business_ms_of_day
from lead_scoring.generator.web_batch import WEB_COLUMNS, track

VISITS_BASE, VISITS_SLOPE = 0.02, 1.4  # visits per day = base + slope * b**1.5
WEEKEND_FACTOR = 0.35
PAGE_GAP_MS = 45_000


def web_day(ctx: Context, day: int) -> batches.Batch:
    """All web events of one UTC day, sorted by time, with the `user` flag set."""
    rng = stream(ctx.seed, "web", day)
    actor, start = _visits(rng, ctx, day)
    views, first_page, end = _page_views(rng, ctx, day, actor, start)
    parts = [
        views,
        *_downloads_and_forms(rng, ctx, day, actor, start, end),
        milestones.reidentify(ctx, actor, start, first_page),
        *milestones.scheduled(rng, ctx, day),
    ]
    events = batches.concat(WEB_COLUMNS, parts)
    events["user"] = events["ts"] >= ctx.actors.identify_ms[events["actor"]]
    day_start, day_end = ctx.day_bounds(day)
    # Lead-ins (a landing page just before a form fill) must not spill into the previous day.
    events["ts"] = np.clip(events["ts"], day_start, day_end - 1)
    _remember_buying_signals(ctx, events)
    return batches.sort_by_time(events, "actor", "kind")


def _visits(rng, ctx: Context, day: int) -> tuple[np.ndarray, np.ndarray]:
    actors = ctx.actors
    rate = (VISITS_BASE + VISITS_SLOPE * actors.behavior**1.5) * actors.activity
    rate = np.where(actors.start_day <= day, rate, 0.0)
    if ctx.window.is_weekend(day):
        rate = rate * WEEKEND_FACTOR
    actor = np.repeat(np.arange(len(actors)), rng.poisson(rate))
    start = ctx.window.day_start(day) + business_ms_of_day(rng, len(actor))
    return actor, start


def _page_views(rng, ctx: Context, day: int, actor, start):
    """Sessions of 1+ pages: the page events, and each visit's first page and end time."""
    b = ctx.actors.behavior[actor]
    pages = 1 + rng.poisson(1.2 + 3.0 * b)
    first = np.cumsum(pages) - pages
    gaps = rng.exponential(PAGE_GAP_MS, pages.sum())
    gaps[first] = 0
    elapsed = np.cumsum(gaps)
    elapsed -= np.repeat(elapsed[first], pages)
    _, day_end = ctx.day_bounds(day)
    ts = np.minimum(np.repeat(start, pages) + elapsed.astype(np.int64), day_end - 1)
    page = _choose_pages(rng, np.repeat(b, pages))
    ref = np.concatenate([[0], page[:-1]]) if len(page) else page
    ref[first] = site.NO_REFERRER + _external_referrers(rng, len(first))
    views = batches.make(
        WEB_COLUMNS, len(ts), actor=np.repeat(actor, pages), ts=ts, page=page, ref=ref
    )
    return views, page[first], ts[first + pages - 1]


def _choose_pages(rng, b: np.ndarray) -> np.ndarray:
    low, high = site.page_cdfs()
    cdf = (1 - b)[:, None] * low + b[:, None] * high
    return np.minimum((rng.random(len(b))[:, None] > cdf).sum(axis=1), len(low) - 1)


def _external_referrers(rng, n: int) -> np.ndarray:
    weights = np.array([w for _, w in site.EXTERNAL_REFERRERS], dtype=float)
    return rng.choice(len(weights), n, p=weights / weights.sum())


# (kind, detail, page path, needs a known person, probability per visit as a function of b)
VISIT_ACTIONS = (
    (codes.DOWNLOAD, site.PRICE_LIST, "/pricing", False, lambda b: 0.003 + 0.12 * b**2),
    (codes.DOWNLOAD, site.CATALOG, "/resources/downloads", False, lambda b: 0.01 + 0.07 * b),
    (codes.DOWNLOAD, site.WHITEPAPER, "/lp/whitepaper", False, lambda b: 0.02 + 0 * b),
    (codes.FORM, site.CONTACT, "/contact", True, lambda b: 0.001 + 0.03 * b**3),
    (codes.FORM, site.QUOTE, "/quote", True, lambda b: 0.0005 + 0.025 * b**3),
    (codes.FORM, site.NEWSLETTER, "/newsletter", True, lambda b: 0.003 * (1 - b)),
)


def _downloads_and_forms(rng, ctx: Context, day: int, actor, start, end) -> list:
    """Track events at the end of a visit; forms only once the visitor is a known lead."""
    b = ctx.actors.behavior[actor]
    known = (actor < ctx.actors.persons) & (start >= ctx.actors.identify_ms[actor])
    _, day_end = ctx.day_bounds(day)
    out = []
    for kind, detail, path, needs_known, probability in VISIT_ACTIONS:
        hit = (rng.random(len(actor)) < probability(b)) & (known | (not needs_known))
        ts = np.minimum(end[hit] + rng.integers(3_000, 60_000, hit.sum()), day_end - 1)
        out.append(track(actor[hit], ts, kind, detail, site.PAGE[path]))
    out.append(milestones.webinar_signups(rng, ctx, day, actor[known], end[known], b[known]))
    return out


def _remember_buying_signals(ctx: Context, events: batches.Batch) -> None:
    """The first inquiry, quote request or price-list download of a known person."""
    kind, detail = events["kind"], events["detail"]
    strong = ((kind == codes.FORM) & (detail != site.NEWSLETTER)) | (
        (kind == codes.DOWNLOAD) & (detail == site.PRICE_LIST)
    )
    hit = strong & events["user"] & (events["actor"] < ctx.actors.persons)
    np.minimum.at(ctx.state.hot_ms, events["actor"][hit], events["ts"][hit])
