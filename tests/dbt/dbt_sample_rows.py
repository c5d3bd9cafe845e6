"""Small hand-written raw rows for the dbt tests: the lesson's three examples and the edge
cases around them. Scoring time is AS_OF; times are relative to it."""

import json
from datetime import UTC, datetime, timedelta

AS_OF = datetime(2026, 11, 20, 0, 0, tzinfo=UTC)


def iso(days_before: float) -> str:
    """ISO 8601 with Z, `days_before` AS_OF."""
    return (AS_OF - timedelta(days=days_before)).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def unix(days_before: float) -> int:
    return int((AS_OF - timedelta(days=days_before)).timestamp())


def lead(lead_id: str, email: str | None, **fields) -> dict:
    row = {
        "id": lead_id,
        "email": email,
        "created_time": "2026-06-01T09:00:00+09:00",
        "modified_time": "2026-06-01T09:00:00+09:00",
    }
    row.update(fields)
    return row


LEADS = [
    # Lesson, Hot = 70: purchasing department head, price list several times, inquiry form
    lead("1001", " Hot.Lead@Acme.co.jp ", designation="購買部長"),
    # Lesson, Warm = 30: staff member (+15), catalog once (+10), webinar registered, absent (+5)
    lead("1002", "warm@beta.co.jp", designation="営業部 担当者"),
    # the same Warm lead in a target industry (IT +10): 40, still Warm
    lead("1010", "warm.it@beta.co.jp", designation="営業部 担当者", industry="IT / Software"),
    # Lesson, Cold = 25: general employee (+15), one website visit (+10)
    lead("1003", "cold@gamma.co.jp", designation="一般社員"),
    # duplicate of 1001 (same e-mail, other case and spaces), created later: same behavior
    lead("1004", "HOT.LEAD@ACME.CO.JP", created_time="2026-07-01T09:00:00+09:00"),
    # two versions: the later one (CEO) wins
    lead(
        "1005",
        "versions@delta.co.jp",
        designation="Staff",
        modified_time="2026-06-01T09:00:00+09:00",
    ),
    lead(
        "1005", "versions@delta.co.jp", designation="CEO", modified_time="2026-06-02T09:00:00+09:00"
    ),
    # negative points: free mail, unsubscribe + hard bounce + spam report (capped at -30)
    lead("1006", "someone@gmail.com"),
    # every attribute at its top band; a title no keyword knows, so the CRM flag decides
    lead(
        "1007",
        "fit@epsilon.co.jp",
        designation="Designer",
        no_of_employees=600,
        industry="IT / Software",
        state="Tokyo",
        company_growth_rate=12.5,
        estimated_budget=150_000_000,
        purchase_timeline="Within 3 months",
        decision_maker=True,
    ),
    # nothing known: 0, never NULL
    lead("1008", None),
    # a title that looks like SQL is just text (unmatched title: "other role")
    lead(
        "1009",
        "odd@zeta.co.jp",
        designation="'; drop table raw.crm_leads; --",
        purchase_timeline="Over 12 months",
    ),
]


def web(
    message_id: str,
    type_: str,
    anonymous_id: str,
    days_before: float,
    *,
    event=None,
    name=None,
    user_id=None,
    properties=None,
    traits=None,
) -> dict:
    return {
        "message_id": message_id,
        "type": type_,
        "event": event,
        "name": name,
        "anonymous_id": anonymous_id,
        "user_id": user_id,
        "timestamp": iso(days_before),
        "sent_at": iso(days_before),
        "received_at": iso(days_before),
        "properties": json.dumps(properties or {}),
        "traits": json.dumps(traits or {}),
        "context": json.dumps({"ip": "203.0.113.1"}),
    }


# a webinar that ended a week before the scoring time
WEBINAR_1 = {"webinar_id": "wb-1", "webinar_title": "Intro", "webinar_end_time": iso(7)}

WEB_EVENTS = [
    # 1001: downloads BEFORE the identify count too (identity resolution), once for +20
    web(
        "w1",
        "track",
        "anon-hot",
        5,
        event="File Downloaded",
        properties={"asset": "price_list", "file_name": "prices.pdf"},
    ),
    web(
        "w2",
        "track",
        "anon-hot",
        4,
        event="File Downloaded",
        properties={"asset": "price_list", "file_name": "prices.pdf"},
    ),
    web(
        "w3",
        "identify",
        "anon-hot",
        3,
        user_id="u-hot",
        traits={"email": "hot.lead@acme.co.jp", "firstName": "Taro"},
    ),
    web(
        "w4",
        "track",
        "anon-hot",
        3,
        event="Form Submitted",
        user_id="u-hot",
        properties={"form_type": "contact"},
    ),
    # a second device, known only by user_id
    web(
        "w5",
        "track",
        "anon-hot-phone",
        2,
        event="File Downloaded",
        user_id="u-hot",
        properties={"asset": "price_list", "file_name": "prices.pdf"},
    ),
    # 1002: catalog once, webinar registered but absent
    web("w10", "identify", "anon-warm", 10, traits={"email": "WARM@beta.co.jp"}),
    web(
        "w11",
        "track",
        "anon-warm",
        9,
        event="File Downloaded",
        properties={"asset": "product_catalog", "file_name": "catalog.pdf"},
    ),
    web(
        "w12",
        "track",
        "anon-warm",
        8,
        event="Webinar Registered",
        properties=WEBINAR_1,
    ),
    # 1010: the same behavior as 1002
    web("w13", "identify", "anon-warm-it", 10, traits={"email": "warm.it@beta.co.jp"}),
    web(
        "w14",
        "track",
        "anon-warm-it",
        9,
        event="File Downloaded",
        properties={"asset": "product_catalog", "file_name": "catalog.pdf"},
    ),
    web("w15", "track", "anon-warm-it", 8, event="Webinar Registered", properties=WEBINAR_1),
    # registered for a webinar that has not taken place yet: no absence
    web(
        "w16",
        "track",
        "anon-warm-it",
        1,
        event="Webinar Registered",
        properties={"webinar_id": "wb-2", "webinar_end_time": iso(-2)},
    ),
    # 1003: one visit (two page views 10 minutes apart = one session)
    web("w20", "identify", "anon-cold", 12, traits={"email": "cold@gamma.co.jp"}),
    web("w21", "page", "anon-cold", 12, name="Home", properties={"path": "/"}),
    web("w22", "page", "anon-cold", 12 - 10 / 1440, name="Pricing", properties={"path": "/p"}),
    # an anonymous visitor never identified: counts for nobody
    web(
        "w30",
        "track",
        "anon-stranger",
        1,
        event="Form Submitted",
        properties={"form_type": "quote_request"},
    ),
    # after the scoring time: ignored
    web(
        "w31", "track", "anon-cold", -1, event="Form Submitted", properties={"form_type": "contact"}
    ),
]


def email_event(event_id: str, email: str, event: str, days_before: float, **fields) -> dict:
    return {
        "sg_event_id": event_id,
        "sg_message_id": "m-" + event_id,
        "email": email,
        "event": event,
        "timestamp": unix(days_before),
        **fields,
    }


EMAIL_EVENTS = [
    email_event("e1", "someone@gmail.com", "unsubscribe", 20),
    email_event("e2", " Someone@Gmail.com", "bounce", 19, type="bounce", reason="550"),
    email_event("e3", "someone@gmail.com", "spamreport", 18),
    email_event("e4", "fit@epsilon.co.jp", "delivered", 3),
    # a soft bounce takes no points
    email_event("e5", "fit@epsilon.co.jp", "bounce", 2, type="blocked"),
]

# what the score model must give these leads (lead_id -> attribute, behavior, total, tier)
EXPECTED = {
    "1001": (30, 40, 70, "Hot"),
    "1002": (15, 15, 30, "Warm"),
    "1003": (15, 10, 25, "Cold"),
    "1004": (0, 40, 40, "Warm"),
    "1005": (30, 0, 30, "Warm"),
    "1006": (-10, -30, -40, "Cold"),
    "1007": (120, 0, 120, "Hot"),
    "1008": (0, 0, 0, "Cold"),
    "1009": (20, 0, 20, "Cold"),
    "1010": (25, 15, 40, "Warm"),
}
