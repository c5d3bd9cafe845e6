"""Web events tied to a moment rather than a visit: identifies, form fills that create leads,
webinar sign-ups and attendance, and trade-show badge scans."""

import numpy as np

from lead_scoring.generator import batches, codes, site, vocab
from lead_scoring.generator.context import Context
from lead_scoring.generator.timeline import business_ms_of_day
from lead_scoring.generator.web_batch import SERVER_SIDE, WEB_COLUMNS, track


def reidentify(ctx: Context, actor, start, first_page) -> batches.Batch:
    """People identified before the window identify again on their first visit in it."""
    persons = ctx.actors.persons
    pending = np.flatnonzero(
        (actor < persons) & ctx.state.reidentify[np.minimum(actor, persons - 1)]
    )
    order = pending[np.argsort(start[pending], kind="stable")]
    who, first = np.unique(actor[order], return_index=True)
    visit = order[first]
    ctx.state.reidentify[who] = False
    return batches.make(
        WEB_COLUMNS,
        len(who),
        actor=who,
        ts=start[visit] - 50,
        kind=codes.IDENTIFY,
        page=first_page[visit],
        ref=site.NO_REFERRER,
    )


def webinar_signups(rng, ctx: Context, day: int, actor, end, b) -> batches.Batch:
    """Known visitors register for the next webinar (once)."""
    upcoming = ctx.calendar.next_webinar(day)
    hit = (rng.random(len(actor)) < 0.004 + 0.04 * b) & (ctx.state.webinar[actor] != upcoming)
    who, first = np.unique(actor[hit], return_index=True)
    ctx.state.webinar[who] = upcoming
    ts = end[hit][first] + 20_000
    return track(who, ts, codes.WEBINAR_REGISTERED, upcoming, site.PAGE["/webinars"])


def scheduled(rng, ctx: Context, day: int) -> list[batches.Batch]:
    return [*_identifies(rng, ctx, day), *_booth_visits(rng, ctx, day), _attendance(rng, ctx, day)]


def _identifies(rng, ctx: Context, day: int) -> list[batches.Batch]:
    """Form fills and badge scans that make a person known, with what triggered them."""
    day_start, day_end = ctx.day_bounds(day)
    when = ctx.actors.identify_ms
    who = np.flatnonzero((when >= day_start) & (when < day_end))
    ts, source = when[who], ctx.actors.source[who]
    show = ctx.calendar.show_on(day)
    scanned = (source == vocab.TRADE_SHOW) & (show >= 0)
    kind, detail, path = _trigger(rng, ctx, day, who, source, scanned)
    page = np.where(scanned, SERVER_SIDE, path)
    online = ~scanned
    landing = batches.make(
        WEB_COLUMNS,
        online.sum(),
        actor=who[online],
        page=path[online],
        ts=ts[online] - rng.integers(20_000, 180_000, online.sum()),
        ref=site.NO_REFERRER + rng.integers(0, len(site.EXTERNAL_REFERRERS), online.sum()),
    )
    identify = batches.make(
        WEB_COLUMNS,
        len(who),
        actor=who,
        ts=ts,
        kind=codes.IDENTIFY,
        page=page,
        ref=site.NO_REFERRER,
    )
    trigger = track(who, ts + rng.integers(200, 2_000, len(who)), 0, detail, page)
    trigger["kind"] = kind
    return [landing, identify, trigger]


def _trigger(rng, ctx: Context, day: int, who, source, scanned):
    """What made each person known: (kind, detail, page) per person."""
    b = ctx.actors.behavior[who]
    u = rng.random(len(who))
    quote, contact = 0.05 + 0.35 * b**2, 0.1 + 0.4 * b
    form = np.select([u < quote, u < quote + contact], [site.QUOTE, site.CONTACT], site.NEWSLETTER)
    form = np.where(source == vocab.WEB_FORM, form, site.NEWSLETTER)
    upcoming = ctx.calendar.next_webinar(day)
    seminar, ad = source == vocab.SEMINAR, source == vocab.ADVERTISEMENT
    ctx.state.webinar[who[seminar]] = upcoming
    kind = np.select(
        [scanned, seminar, ad], [codes.BOOTH, codes.WEBINAR_REGISTERED, codes.DOWNLOAD], codes.FORM
    )
    detail = np.select(
        [scanned, seminar, ad], [ctx.calendar.show_on(day), upcoming, site.WHITEPAPER], form
    )
    form_pages = np.array([site.PAGE[p] for p in site.FORM_PAGES])
    path = np.select(
        [seminar, ad], [site.PAGE["/webinars"], site.PAGE["/lp/whitepaper"]], form_pages[form]
    )
    return kind, detail, path


def _booth_visits(rng, ctx: Context, day: int) -> list[batches.Batch]:
    """Known people who drop by our booth while a trade show runs: the badge scanner sends a
    server-side identify (traits from the badge) and the visit."""
    show = ctx.calendar.show_on(day)
    if show < 0:
        return []
    day_start, _ = ctx.day_bounds(day)
    persons = ctx.actors.persons
    b = ctx.actors.behavior[:persons]
    known = ctx.actors.identify_ms[:persons] < day_start
    who = np.flatnonzero(known & (rng.random(persons) < 0.005 + 0.08 * b))
    ts = day_start + business_ms_of_day(rng, len(who))
    ctx.state.reidentify[who] = False
    scan = batches.make(
        WEB_COLUMNS,
        len(who),
        actor=who,
        ts=ts - 500,
        kind=codes.IDENTIFY,
        page=SERVER_SIDE,
        ref=site.NO_REFERRER,
    )
    return [scan, track(who, ts, codes.BOOTH, show, SERVER_SIDE)]


def _attendance(rng, ctx: Context, day: int) -> batches.Batch:
    """Registered people who show up on webinar day."""
    webinar = np.flatnonzero(ctx.calendar.webinar_days == day)
    if len(webinar) == 0:
        return track(
            np.empty(0, np.int64), np.empty(0, np.int64), codes.WEBINAR_ATTENDED, 0, SERVER_SIDE
        )
    w = int(webinar[0])
    registered = np.flatnonzero(ctx.state.webinar == w)
    b = ctx.actors.behavior[registered]
    who = registered[rng.random(len(registered)) < 0.25 + 0.55 * b]
    start = ctx.calendar.webinar_ms(ctx.window, np.full(len(who), w))
    ts = start + rng.integers(-300_000, 600_000, len(who))
    return track(who, ts, codes.WEBINAR_ATTENDED, w, SERVER_SIDE)
