"""SendGrid event-webhook JSON, joined from ready-made fragments.

Each event carries only the keys SendGrid sends for its type (url on clicks, reason/status/type
on bounces, ...). Message ids derive from the send, event ids from the day and position.
"""

from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lead_scoring.generator import codes, site, text
from lead_scoring.generator.context import Context
from lead_scoring.generator.identity_text import PersonText
from lead_scoring.generator.web_json import js

THEMES = ("newsletter", "case_study", "webinar_invite", "product_update")
THEME_PAGES = (
    "/blog/what-is-lead-scoring",
    "/case-studies/manufacturing",
    "/webinars",
    "/products/integrations",
)
ASM_GROUP_ID = 21_874
SEND, EVENT = 4, 5  # salts
EVENT_NAMES = [f',"event":"{name}"' for name in codes.EMAIL_KINDS]
RESPONSES = {
    codes.DEFERRED: ',"response":"421 4.7.0 Try again later","attempt":"1"',
    codes.DELIVERED: ',"response":"250 2.0.0 OK"',
}
REASONS = [  # by bounce detail, then dropped
    ',"reason":"550 5.1.1 The email account that you tried to reach does not exist.",'
    '"status":"5.1.1","type":"bounce"',
    ',"reason":"550 5.7.1 Message rejected due to local policy","status":"5.7.1","type":"blocked"',
    ',"reason":"Bounced Address","status":"5.0.0"',
]
USER_AGENTS = [',"useragent":' + js(ua) for ua in site.USER_AGENTS]
GROUP_UNSUBSCRIBE = (
    f',"url":{js(site.page_url("/newsletter/preferences"))},"asm_group_id":{ASM_GROUP_ID}'
)


@dataclass(frozen=True)
class EmailText:
    categories: list[str]  # ,"category":[...] per campaign
    campaign_ids: list[str]  # ,"marketing_campaign_id":N} per campaign (closes the object)
    links: list[str]  # ,"url":"..." per campaign * 3 + link
    ip: pa.Array  # ,"ip":"..." per person


def make_email_text(ctx: Context, people: PersonText) -> EmailText:
    categories, campaign_ids, links = [], [], []
    for week in range(ctx.window.days // 7 + 2):
        monday = ctx.window.first_date - timedelta(days=ctx.window.first_date.weekday() - 7 * week)
        year, iso_week, _ = monday.isocalendar()
        tag = f"nl-{year}-w{iso_week:02d}"
        utm = f"?utm_source=sendgrid&utm_medium=email&utm_campaign={tag}"
        pages = ("/pricing", THEME_PAGES[week % len(THEMES)], "/resources/downloads")
        links += [',"url":' + js(site.page_url(page) + utm) for page in pages]
        categories.append(',"category":' + js([THEMES[week % len(THEMES)], tag]))
        campaign_ids.append(f',"marketing_campaign_id":{20_000 + week}}}')
    persons = people.email
    ip = pc.binary_join_element_wise(',"ip":"', people.ip.slice(0, len(persons)), '"', "")
    return EmailText(categories, campaign_ids, links, ip)


def render(ctx: Context, et: EmailText, people: PersonText, agents, day: int, e: dict) -> pa.Array:
    """Array elements (newline before, comma after) for a slice of one day's events; `e` holds
    the slice's columns plus `seq`, the position in the day."""
    kind, person, send, campaign = e["kind"], e["person"], e["send"], e["campaign"]
    salt = ctx.seed * 16
    smtp = text.hex_digits(send, salt + SEND, 20)
    head = text.fixed(
        b',"timestamp":',
        text.decimal_digits(e["ts"] // 1000, 10),
        b',"smtp-id":"<',
        smtp[:, :11],
        b".",
        smtp[:, 11:14],
        b".",
        smtp[:, 14:20],
        b"@ismtpd-",
        text.decimal_digits(100 + send % 900, 3),
        b'>"',
    )
    ids = text.fixed(
        b',"sg_event_id":"',
        text.base64url_digits((np.int64(day) << 32) | e["seq"], salt + EVENT),
        b'","sg_message_id":"',
        text.base64url_digits(send, salt + SEND),
        b".filterdrecv-",
        smtp[:, :10],
        b"-1-",
        smtp[:, 10:18],
        b"-",
        text.decimal_digits(send % 37, 2),
        b'.0"',
    )
    browser = np.isin(kind, [codes.OPEN, codes.CLICK, codes.GROUP_UNSUBSCRIBE])
    reason = np.where(kind == codes.DROPPED, 2, e["detail"])
    return text.join(
        '\n{"email":',
        people.email.take(person),
        head,
        text.lookup(EVENT_NAMES, kind),
        text.lookup(et.categories, campaign),
        ids,
        text.lookup([RESPONSES.get(k) for k in range(len(codes.EMAIL_KINDS))], kind),
        text.lookup(USER_AGENTS, agents[person], present=browser),
        text.lookup(et.ip, person, present=browser),
        text.lookup(et.links, campaign * 3 + e["link"], present=kind == codes.CLICK),
        text.lookup(
            [GROUP_UNSUBSCRIBE], np.zeros(len(kind)), present=kind == codes.GROUP_UNSUBSCRIBE
        ),
        text.lookup(REASONS, reason, present=np.isin(kind, [codes.BOUNCE, codes.DROPPED])),
        text.lookup(et.campaign_ids, campaign),
        ",",
    )
