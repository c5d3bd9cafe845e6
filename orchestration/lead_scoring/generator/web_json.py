"""Segment JSON for web events, built in DuckDB from integer-coded numpy batches.

Keys that do not apply are left out (no `userId` before the identify, no `properties` on an
identify), as Segment's libraries send them. Lookup tables hold ready-made JSON fragments.
"""

import json
from dataclasses import dataclass

import duckdb
import numpy as np

from lead_scoring.generator import codes, marketing_calendar, site
from lead_scoring.generator.context import Context
from lead_scoring.generator.randomness import stream
from lead_scoring.generator.writer import register

BROWSER_LIBRARY = '{"name":"analytics.js","version":"next-1.81.0"}'
SERVER_LIBRARY = '{"name":"analytics-node","version":"2.2.1"}'


def _js(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def prepare(con: duckdb.DuckDBPyConnection, ctx: Context) -> None:
    """Tables every day's query joins: pages, referrers, track event details."""
    pages = [
        (i, _js(n), _page_fragment(path, title))
        for i, (path, n, title, *_) in enumerate(site.PAGES)
    ]
    con.execute(
        "create or replace table web_pages (page smallint, name_json varchar, fragment varchar)"
    )
    con.executemany("insert into web_pages values (?, ?, ?)", pages)
    refs = [site.page_url(p[0]) for p in site.PAGES] + [r for r, _ in site.EXTERNAL_REFERRERS]
    con.execute("create or replace table web_refs (ref smallint, ref_json varchar)")
    con.executemany("insert into web_refs values (?, ?)", [(i, _js(r)) for i, r in enumerate(refs)])
    con.execute(
        "create or replace table web_tracks "
        "(kind tinyint, detail smallint, event_json varchar, props_json varchar)"
    )
    con.executemany("insert into web_tracks values (?, ?, ?, ?)", list(_track_rows(ctx)))


def _page_fragment(path: str, title: str) -> str:
    return f'"path":{_js(path)},"url":{_js(site.page_url(path))},"title":{_js(title)}'


def _track_rows(ctx: Context):
    for detail, form in enumerate(site.FORM_TYPES):
        yield codes.FORM, detail, _js("Form Submitted"), _js({"form_type": form})
    for detail, (asset, file_name, _) in enumerate(site.ASSETS):
        yield (
            codes.DOWNLOAD,
            detail,
            _js("File Downloaded"),
            _js({"asset": asset, "file_name": file_name}),
        )
    for w in range(len(ctx.calendar.webinar_days)):
        props = {
            "webinar_id": marketing_calendar.webinar_id(ctx.window, ctx.calendar, w),
            "webinar_title": marketing_calendar.webinar_title(w),
        }
        yield codes.WEBINAR_REGISTERED, w, _js("Webinar Registered"), _js(props)
        yield codes.WEBINAR_ATTENDED, w, _js("Webinar Attended"), _js(props)
    for s in range(len(ctx.calendar.trade_show_days)):
        name = marketing_calendar.trade_show_name(ctx.window, ctx.calendar, s)
        yield codes.BOOTH, s, _js("Booth Visited"), _js({"trade_show": name})


@dataclass(frozen=True)
class Devices:
    """Per actor: network address and browser; per person: identify traits and e-mail JSON."""

    ip: np.ndarray  # (actors, 4) octets
    user_agent: np.ndarray  # index into site.USER_AGENTS
    traits_json: np.ndarray  # object array of JSON text, persons only
    email_json: np.ndarray


def make_devices(con: duckdb.DuckDBPyConnection, ctx: Context) -> Devices:
    rng = stream(ctx.seed, "devices")
    n, persons, leads = len(ctx.actors), ctx.actors.persons, ctx.leads
    weights = site.USER_AGENT_WEIGHTS / site.USER_AGENT_WEIGHTS.sum()
    prefix = np.array(site.IP_PREFIXES)[rng.integers(0, len(site.IP_PREFIXES), n)]
    ip = np.column_stack([prefix, rng.integers(0, 256, n), rng.integers(1, 255, n)])
    register(con, "person_cols", {
        "email": leads.esp_email[:persons], "first": leads.first_name[:persons],
        "last": leads.last_name[:persons], "company": leads.company[:persons],
    })  # fmt: skip
    rendered = con.sql("""
        select to_json({'email': email, 'firstName': first, 'lastName': last, 'company': company})
            as traits, to_json(email) as email
        from person_cols
    """).fetchnumpy()  # fmt: skip
    con.execute("drop table person_cols")
    agents = rng.choice(len(weights), n, p=weights)
    return Devices(ip.astype(np.int16), agents, rendered["traits"], rendered["email"])


DAY_SQL = """
select concat($BEFORE,
    '{"messageId":"',
    case when e.page >= 0 then 'ajs-next-' || md5(e.k) else 'node-' || uuid_of(e.k) end,
    '","type":"', case e.kind when 0 then 'page' when 1 then 'identify' else 'track' end, '"',
    ',"event":' || t.event_json,
    case when e.kind = 0 then ',"name":' || p.name_json end,
    ',"anonymousId":"', uuid_of('@SEED@:anon:' || e.actor), '"',
    case when e.user then ',"userId":"u_' || left(md5('@SEED@:user:' || e.actor), 16) || '"' end,
    ',"timestamp":"', iso_ms(e.ts), '","sentAt":"', iso_ms(e.sent),
    '","receivedAt":"', iso_ms(e.received), '"',
    ',"context":{"ip":"', concat_ws('.', e.ip1, e.ip2, e.ip3, e.ip4), '"',
    case when e.page >= 0 then ',"userAgent":' || @AGENTS@[e.ua + 1]
        || ',"page":{' || p.fragment || ',"referrer":' || r.ref_json || '}' end,
    ',"library":', case when e.page >= 0 then '@BROWSER@' else '@SERVER@' end, '}',
    case when e.kind = 0 then ',"properties":{' || p.fragment || ',"referrer":' || r.ref_json || '}'
        when e.kind >= 2 then ',"properties":' || t.props_json end,
    ',"traits":' || e.traits,
    '}', $AFTER) as line
from (select *, '@KEY@' || seq as k from web_day) e
left join web_pages p on p.page = e.page
left join web_refs r on r.ref = e.ref
left join web_tracks t on t.kind = e.kind and t.detail = e.detail
order by e.seq
"""


def day_query(
    con: duckdb.DuckDBPyConnection, ctx: Context, devices: Devices, day: int, events
) -> str:
    """Register one day's events and return the query that renders them, in time order."""
    rng = stream(ctx.seed, "web-latency", day)
    n, actor = len(events["ts"]), events["actor"]
    sent = events["ts"] + rng.integers(5, 2_000, n)  # the browser batches before sending
    ip = devices.ip[actor]
    traits = np.full(n, None, object)
    identify = np.flatnonzero(events["kind"] == codes.IDENTIFY)
    traits[identify] = devices.traits_json[actor[identify]]
    register(con, "web_day", {
        **events, "seq": np.arange(n), "sent": sent, "received": sent + rng.integers(30, 400, n),
        "ip1": ip[:, 0], "ip2": ip[:, 1], "ip3": ip[:, 2], "ip4": ip[:, 3],
        "ua": devices.user_agent[actor], "traits": traits,
    })  # fmt: skip
    replacements = {
        "@KEY@": f"{ctx.seed}:web:{day}:", "@SEED@": str(ctx.seed), "@AGENTS@": user_agents_sql(),
        "@BROWSER@": BROWSER_LIBRARY, "@SERVER@": SERVER_LIBRARY,
    }  # fmt: skip
    sql = DAY_SQL
    for token, value in replacements.items():
        sql = sql.replace(token, value)
    return sql


def user_agents_sql() -> str:
    """The user agents as a SQL list of JSON strings (index with ua + 1)."""
    return "[" + ", ".join("'" + _js(ua).replace("'", "''") + "'" for ua in site.USER_AGENTS) + "]"
