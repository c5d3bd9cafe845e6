"""Segment JSON lines for web events, joined from ready-made fragments.

Keys that do not apply are left out (no `userId` before the identify, no `properties` on an
identify), as Segment's libraries send them. Everything that depends only on the actor, the
page or the event kind is rendered once into lookup tables; per event only ids and times are
formatted (see text.py).
"""

import json
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lead_scoring.generator import codes, marketing_calendar, site, text
from lead_scoring.generator.context import Context
from lead_scoring.generator.identity_text import PersonText
from lead_scoring.generator.randomness import stream

BROWSER_LIBRARY = ',"library":{"name":"analytics.js","version":"next-1.81.0"}}'
SERVER_LIBRARY = ',"library":{"name":"analytics-node","version":"2.2.1"}}'
ANON, USER, MESSAGE = 1, 2, 3  # salts: one hash family per kind of id


def js(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class WebText:
    """Per-run fragments: per actor, per page/referrer pair, per event kind."""

    anonymous: pa.Array  # ,"anonymousId":"..."
    user: pa.Array  # ,"userId":"..." (persons; anonymous visitors never get one)
    ip: pa.Array  # ,"context":{"ip":"..."
    user_agent: np.ndarray  # index into site.USER_AGENTS per actor
    heads: list[str]  # ,"type":...,"event"/"name":... by head code
    track_props: list[str]  # ,"properties":{...} by track code
    track_codes: dict[tuple[int, int], int]  # (kind, detail) -> track code


def make_web_text(ctx: Context, people: PersonText) -> WebText:
    rng = stream(ctx.seed, "devices")
    n, persons = len(ctx.actors), ctx.actors.persons
    actors = np.arange(n)
    salt = ctx.seed * 16
    anonymous = text.fixed(b',"anonymousId":"', text.uuid_digits(actors, salt + ANON), b'"')
    user = text.fixed(b',"userId":"u_', text.hex_digits(actors[:persons], salt + USER, 16), b'"')
    weights = site.USER_AGENT_WEIGHTS / site.USER_AGENT_WEIGHTS.sum()
    return WebText(
        anonymous=anonymous,
        user=user,
        ip=pc.binary_join_element_wise(',"context":{"ip":"', people.ip, '"', ""),
        user_agent=rng.choice(len(weights), n, p=weights),
        **_kind_tables(ctx),
    )


def _kind_tables(ctx: Context) -> dict:
    heads = [js_pair("page", name) for _, name, *_ in site.PAGES] + [',"type":"identify"']
    props, track_codes = [], {}
    for (kind, detail), (event, properties) in _track_events(ctx).items():
        track_codes[(kind, detail)] = len(props)
        heads.append(f',"type":"track","event":{js(event)}')
        props.append(f',"properties":{js(properties)}')
    return {"heads": heads, "track_props": props, "track_codes": track_codes}


def js_pair(kind: str, name: str) -> str:
    return f',"type":"{kind}","name":{js(name)}'


def _track_events(ctx: Context) -> dict:
    events = {}
    for detail, form in enumerate(site.FORM_TYPES):
        events[codes.FORM, detail] = ("Form Submitted", {"form_type": form})
    for detail, (asset, file_name, _) in enumerate(site.ASSETS):
        events[codes.DOWNLOAD, detail] = (
            "File Downloaded",
            {"asset": asset, "file_name": file_name},
        )
    for w in range(len(ctx.calendar.webinar_days)):
        start, end = marketing_calendar.webinar_schedule(ctx.window, ctx.calendar, w)
        props = {
            "webinar_id": marketing_calendar.webinar_id(ctx.window, ctx.calendar, w),
            "webinar_title": marketing_calendar.webinar_title(w),
            "webinar_start_time": start,
            "webinar_end_time": end,
        }
        events[codes.WEBINAR_REGISTERED, w] = ("Webinar Registered", props)
        events[codes.WEBINAR_ATTENDED, w] = ("Webinar Attended", props)
    for s in range(len(ctx.calendar.trade_show_days)):
        name = marketing_calendar.trade_show_name(ctx.window, ctx.calendar, s)
        events[codes.BOOTH, s] = ("Booth Visited", {"trade_show": name})
    return events


N_REFS = len(site.PAGES) + len(site.EXTERNAL_REFERRERS)


def _page_objects(prefix: str) -> list[str]:
    """`prefix` + the page object for every (page, referrer) pair, index page * N_REFS + ref."""
    referrers = [site.page_url(p[0]) for p in site.PAGES] + [r for r, _ in site.EXTERNAL_REFERRERS]
    return [
        prefix + js({"path": path, "url": site.page_url(path), "title": title, "referrer": ref})
        for path, _, title, *_ in site.PAGES
        for ref in referrers
    ]


PAGE_CONTEXT = _page_objects(',"page":')
PAGE_PROPERTIES = _page_objects(',"properties":')
USER_AGENT_FRAGMENTS = [',"userAgent":' + js(ua) for ua in site.USER_AGENTS]


def render(ctx: Context, wt: WebText, people: PersonText, day: int, e: dict) -> pa.Array:
    """JSON lines (with newline) for a slice of one day's events; `e` holds the slice's
    columns plus `seq` (position in the day), `sent` and `received`."""
    kind, page, actor = e["kind"], e["page"], e["actor"]
    server, person = page < 0, np.minimum(actor, ctx.actors.persons - 1)
    key = (np.int64(day) << 32) | e["seq"]
    salt = ctx.seed * 16 + MESSAGE
    message = pc.if_else(
        pa.array(server),
        text.fixed(b'{"messageId":"node-', text.uuid_digits(key, salt), b'"'),
        text.fixed(b'{"messageId":"ajs-next-', text.hex_digits(key, salt), b'"'),
    )
    track = _track_code(wt, kind, e["detail"])
    head = np.select([kind == codes.PAGE, kind == codes.IDENTIFY], [page, len(site.PAGES)])
    head = np.where(track >= 0, len(site.PAGES) + 1 + track, head)
    pair = np.maximum(page, 0) * N_REFS + e["ref"]
    times = text.fixed(
        b',"timestamp":"',
        text.iso_ms_digits(e["ts"]),
        b'","sentAt":"',
        text.iso_ms_digits(e["sent"]),
        b'","receivedAt":"',
        text.iso_ms_digits(e["received"]),
        b'"',
    )
    return text.join(
        message,
        text.lookup(wt.heads, head),
        wt.anonymous.take(actor),
        text.lookup(wt.user, person, present=e["user"]),
        times,
        wt.ip.take(actor),
        text.lookup(USER_AGENT_FRAGMENTS, wt.user_agent[actor], present=~server),
        text.lookup(PAGE_CONTEXT, pair, present=~server),
        text.lookup([BROWSER_LIBRARY, SERVER_LIBRARY], server.astype(np.int64)),
        text.lookup(PAGE_PROPERTIES, pair, present=kind == codes.PAGE),
        text.lookup(wt.track_props, np.maximum(track, 0), present=track >= 0),
        text.lookup(people.traits, person, present=kind == codes.IDENTIFY),
        "}\n",
    )


def _track_code(wt: WebText, kind: np.ndarray, detail: np.ndarray) -> np.ndarray:
    """Track code per event, -1 for page and identify events."""
    table = np.full((len(codes.WEB_KINDS), 1 + max(d for _, d in wt.track_codes)), -1)
    for (k, d), code in wt.track_codes.items():
        table[k, d] = code
    return table[kind, np.where(kind >= codes.FORM, detail, 0)]
