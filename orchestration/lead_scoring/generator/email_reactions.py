"""How people react to a delivered mail: opens, clicks (often the same link again), unsubscribe
and spam reports. Reactions stay inside the send's UTC day so each day's batch is complete."""

import numpy as np

from lead_scoring.generator import batches, codes
from lead_scoring.generator.context import Context
from lead_scoring.generator.email_batch import EMAIL_COLUMNS
from lead_scoring.generator.timeline import DAY_MS, HOUR_MS, truncated_delay

GROUP_UNSUBSCRIBE_SHARE = 0.4


def reactions(rng, ctx: Context, who, delivered, send, base) -> list[batches.Batch]:
    b, act = ctx.leads.behavior[who], np.sqrt(ctx.leads.activity[who])
    day_end = ctx.window.start_ms + ((delivered - ctx.window.start_ms) // DAY_MS + 1) * DAY_MS
    opened = rng.random(len(who)) < np.clip((0.10 + 0.55 * b) * act, 0, 0.95)
    first_open = delivered + truncated_delay(rng, 3 * HOUR_MS, day_end - delivered)

    def rows(mask, kind, ts, repeat=None, **extra):
        repeat = np.ones(mask.sum(), np.int64) if repeat is None else repeat
        cols = {"person": who, "send": send, **extra}
        picked = {k: np.repeat(v[mask], repeat) for k, v in cols.items()}
        return batches.make(EMAIL_COLUMNS, repeat.sum(), ts=ts, kind=kind, **picked, **base)

    opens = 1 + rng.poisson(0.2 + 1.5 * b[opened])
    later = truncated_delay(rng, 6 * HOUR_MS, np.repeat((day_end - first_open)[opened], opens))
    is_first = np.zeros(opens.sum(), bool)
    is_first[np.cumsum(opens) - opens] = True
    open_ts = np.repeat(first_open[opened], opens) + np.where(is_first, 0, later)
    out = [rows(opened, codes.OPEN, open_ts, opens)]
    out.append(_clicks(rng, rows, opened, b, act, first_open, day_end))
    out += _opt_outs(rng, ctx, rows, who, opened, b, delivered, first_open, day_end)
    return out


def _clicks(rng, rows, opened, b, act, first_open, day_end) -> batches.Batch:
    clicked = opened & (rng.random(len(b)) < np.clip((0.03 + 0.5 * b**1.5) * act, 0, 0.9))
    clicks = 1 + rng.poisson(2.5 * b[clicked] ** 2)  # buyers come back to the same link
    pricing = rng.random(len(b)) < 0.2 + 0.6 * b
    link = np.where(pricing, 0, rng.integers(1, 3, len(b))).astype(np.int8)
    start = np.repeat(first_open[clicked], clicks)
    room = np.repeat(day_end[clicked], clicks) - start
    ts = start + truncated_delay(rng, 20 * 60_000, room)
    return rows(clicked, codes.CLICK, ts, clicks, link=link)


def _opt_outs(rng, ctx, rows, who, opened, b, delivered, first_open, day_end) -> list:
    st = ctx.state
    unsub = opened & (rng.random(len(b)) < 0.004 + 0.02 * (1 - b))
    group = unsub & (rng.random(len(b)) < GROUP_UNSUBSCRIBE_SHARE)
    spam = ~unsub & (rng.random(len(b)) < 0.0002 + 0.0008 * (1 - b))
    st.unsubscribed[who[unsub]] = True
    st.spam_reported[who[spam]] = True
    unsub_ts = np.minimum(first_open + rng.integers(60_000, 300_000, len(b)), day_end - 1)
    spam_ts = delivered + truncated_delay(rng, 5 * HOUR_MS, day_end - delivered)
    return [
        rows(unsub & ~group, codes.UNSUBSCRIBE, unsub_ts[unsub & ~group]),
        rows(group, codes.GROUP_UNSUBSCRIBE, unsub_ts[group], detail=np.ones(len(b), np.int8)),
        rows(spam, codes.SPAMREPORT, spam_ts[spam]),
    ]
