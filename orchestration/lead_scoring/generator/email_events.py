"""One day of SendGrid events as numpy columns: the weekly newsletter and people's reactions.

Each person is on the list from their creation and gets one mail a week, on their own
weekday. Bad addresses bounce once and are dropped afterwards; unsubscribes and spam reports
end the mailing. Buyers open more, click more, and click the same link again and again.
"""

from dataclasses import dataclass

import numpy as np

from lead_scoring.generator import batches, codes
from lead_scoring.generator.context import Context
from lead_scoring.generator.email_batch import EMAIL_COLUMNS
from lead_scoring.generator.email_reactions import reactions
from lead_scoring.generator.randomness import stream
from lead_scoring.generator.timeline import HOUR_MS

BAD_ADDRESS_SHARE = 0.015
SEND_HOUR_UTC = 1  # 10:00 JST
SENDS_PER_DAY_MAX = 10_000_000  # send ids are day * this + n


@dataclass(frozen=True)
class Mailing:
    weekday: np.ndarray  # 0 = Monday .. 4 = Friday: the day the person's newsletter goes out
    bad_address: np.ndarray  # address no longer exists: the first mail hard-bounces


def make_mailing(seed: int, persons: int) -> Mailing:
    rng = stream(seed, "mailing")
    return Mailing(rng.integers(0, 5, persons), rng.random(persons) < BAD_ADDRESS_SHARE)


def campaign_of(ctx: Context, day: int) -> int:
    return (day + ctx.window.first_date.weekday()) // 7


def email_day(ctx: Context, mailing: Mailing, day: int) -> batches.Batch:
    weekday = ctx.window.day_date(day).weekday()
    rng = stream(ctx.seed, "email", day)
    day_start, _ = ctx.day_bounds(day)
    st, persons = ctx.state, ctx.leads.persons
    listed = (mailing.weekday == weekday) & (ctx.leads.created_ms[:persons] < day_start)
    who = np.flatnonzero(listed & ~st.unsubscribed & ~st.spam_reported)
    sent = day_start + SEND_HOUR_UTC * HOUR_MS + rng.integers(0, 40 * 60_000, len(who))
    send = day * SENDS_PER_DAY_MAX + np.arange(len(who))
    base = {"campaign": campaign_of(ctx, day)}
    events = batches.concat(EMAIL_COLUMNS, _delivery(rng, ctx, mailing, who, sent, send, base))
    return batches.sort_by_time(events, "send", "kind")


def _delivery(rng, ctx: Context, mailing: Mailing, who, sent, send, base) -> list:
    """Dropped, bounced, deferred-then-delivered or delivered; reactions to delivered mail."""
    st, n = ctx.state, len(who)
    dropped = st.bounced[who]
    bounce = ~dropped & mailing.bad_address[who]
    blocked = ~dropped & ~bounce & (rng.random(n) < 0.003)
    st.bounced[who[bounce]] = True
    ok = ~(dropped | bounce | blocked)
    deferred = ok & (rng.random(n) < 0.01)
    delay = np.where(deferred, rng.integers(600_000, 2_400_000, n), rng.integers(2_000, 20_000, n))
    delivered = sent + delay

    def event(mask, kind, ts, detail=0):
        return batches.make(
            EMAIL_COLUMNS,
            mask.sum(),
            person=who[mask],
            ts=ts[mask],
            send=send[mask],
            kind=kind,
            detail=detail,
            **base,
        )

    after = sent + rng.integers(1_000, 30_000, n)
    return [
        event(~dropped, codes.PROCESSED, sent),  # suppressed addresses are dropped unprocessed
        event(dropped, codes.DROPPED, after),
        event(bounce, codes.BOUNCE, after, codes.BOUNCE_HARD),
        event(blocked, codes.BOUNCE, after, codes.BOUNCE_BLOCKED),
        event(deferred, codes.DEFERRED, sent + 5_000),
        event(ok, codes.DELIVERED, delivered),
        *reactions(rng, ctx, who[ok], delivered[ok], send[ok], base),
    ]
