"""SendGrid event-webhook JSON, built in DuckDB from integer-coded numpy batches.

Each event carries only the keys SendGrid sends for its type (url on clicks, reason/status/type
on bounces, ...). Message ids derive from the send, event ids from the day and position.
"""

import json
from datetime import timedelta

import duckdb
import numpy as np

from lead_scoring.generator import codes, site
from lead_scoring.generator.context import Context
from lead_scoring.generator.web_json import Devices, user_agents_sql
from lead_scoring.generator.writer import register

THEMES = ("newsletter", "case_study", "webinar_invite", "product_update")
THEME_PAGES = (
    "/blog/what-is-lead-scoring",
    "/case-studies/manufacturing",
    "/webinars",
    "/products/integrations",
)
ASM_GROUP_ID = 21_874
HARD_BOUNCE = "550 5.1.1 The email account that you tried to reach does not exist."
BLOCKED = "550 5.7.1 Message rejected due to local policy"


def prepare(con: duckdb.DuckDBPyConnection, ctx: Context) -> None:
    """The campaigns table: category, campaign id and the three tracked links per week."""
    rows = []
    for week in range(ctx.window.days // 7 + 2):
        monday = ctx.window.first_date - timedelta(days=ctx.window.first_date.weekday() - 7 * week)
        year, iso_week, _ = monday.isocalendar()
        tag = f"nl-{year}-w{iso_week:02d}"
        utm = f"?utm_source=sendgrid&utm_medium=email&utm_campaign={tag}"
        pages = ("/pricing", THEME_PAGES[week % len(THEMES)], "/resources/downloads")
        links = [json.dumps(site.page_url(p) + utm) for p in pages]
        category = json.dumps([THEMES[week % len(THEMES)], tag], separators=(",", ":"))
        rows.append((week, category, 20_000 + week, *links))
    con.execute(
        "create or replace table email_campaigns (campaign integer, category_json varchar, "
        "campaign_id integer, link0 varchar, link1 varchar, link2 varchar)"
    )
    con.executemany("insert into email_campaigns values (?, ?, ?, ?, ?, ?)", rows)


DAY_SQL = """
select concat($BEFORE,
    '{"email":', e.email_json, ',"timestamp":', e.ts // 1000,
    ',"smtp-id":"<', substr(e.h, 1, 11), '.', substr(e.h, 12, 3), '.', substr(e.h, 15, 6),
    '@ismtpd-', e.send % 900 + 100, '>"',
    ',"event":"', @NAMES@[e.kind + 1], '","category":', c.category_json,
    ',"sg_event_id":"', b64id('@KEY@' || e.seq), '"',
    ',"sg_message_id":"', b64id(e.h), '.filterdrecv-', substr(e.h, 21, 10), '-1-',
    upper(substr(e.h, 25, 8)), '-', e.send % 37, '.0"',
    case e.kind when 1 then ',"response":"421 4.7.0 Try again later","attempt":"1"'
        when 2 then ',"response":"250 2.0.0 OK"' end,
    case when e.kind in (3, 4, 8) then ',"useragent":' || @AGENTS@[e.ua + 1]
        || ',"ip":"' || concat_ws('.', e.ip1, e.ip2, e.ip3, e.ip4) || '"' end,
    case e.kind when 4 then ',"url":' || [c.link0, c.link1, c.link2][e.link + 1]
        when 8 then ',"url":"@UNSUBSCRIBE@","asm_group_id":@ASM@' end,
    case when e.kind = 5 and e.detail = 0 then ',"reason":"@HARD@","status":"5.1.1","type":"bounce"'
        when e.kind = 5 then ',"reason":"@BLOCKED@","status":"5.7.1","type":"blocked"'
        when e.kind = 6 then ',"reason":"Bounced Address","status":"5.0.0"' end,
    ',"marketing_campaign_id":', c.campaign_id,
    '}', $AFTER) as line
from (select *, md5('@SEED@:send:' || send) as h from email_day) e
join email_campaigns c on c.campaign = e.campaign
order by e.seq
"""


def day_query(
    con: duckdb.DuckDBPyConnection, ctx: Context, devices: Devices, day: int, events
) -> str:
    person = events["person"]
    ip = devices.ip[person]
    register(con, "email_day", {
        **events, "seq": np.arange(len(person)), "email_json": devices.email_json[person],
        "ua": devices.user_agent[person],
        "ip1": ip[:, 0], "ip2": ip[:, 1], "ip3": ip[:, 2], "ip4": ip[:, 3],
    })  # fmt: skip
    names = "[" + ", ".join(f"'{name}'" for name in codes.EMAIL_KINDS) + "]"
    replacements = {
        "@NAMES@": names,
        "@AGENTS@": user_agents_sql(),
        "@KEY@": f"{ctx.seed}:email:{day}:",
        "@SEED@": str(ctx.seed),
        "@UNSUBSCRIBE@": site.page_url("/newsletter/preferences"),
        "@ASM@": str(ASM_GROUP_ID),
        "@HARD@": HARD_BOUNCE,
        "@BLOCKED@": BLOCKED,
    }
    sql = DAY_SQL
    for token, value in replacements.items():
        sql = sql.replace(token, value)
    return sql
