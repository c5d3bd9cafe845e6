"""email/YYYY-MM-DD.json: SendGrid event-webhook batches, one JSON array per day."""

import json
from collections import Counter
from datetime import UTC, datetime

COMMON = {"email", "timestamp", "smtp-id", "event", "category", "sg_event_id", "sg_message_id"}
EXTRA = {
    "processed": set(),
    "deferred": {"response", "attempt"},
    "delivered": {"response"},
    "open": {"useragent", "ip"},
    "click": {"useragent", "ip", "url"},
    "bounce": {"reason", "status", "type"},
    "dropped": {"reason", "status"},
    "unsubscribe": set(),
    "group_unsubscribe": {"useragent", "ip", "url", "asm_group_id"},
    "spamreport": set(),
}


def test_each_file_is_one_array_of_its_day_in_time_order(dataset):
    for path in dataset.email_files():
        batch = json.loads(path.read_text())
        assert isinstance(batch, list)
        stamps = [event["timestamp"] for event in batch]
        assert stamps == sorted(stamps)
        days = {datetime.fromtimestamp(s, UTC).date().isoformat() for s in stamps}
        assert days <= {path.stem}


def test_events_carry_the_keys_sendgrid_sends_for_their_type(email_events):
    for event in email_events:
        expected = COMMON | EXTRA[event["event"]] | {"marketing_campaign_id"}
        assert set(event) == expected, event
        assert isinstance(event["timestamp"], int)
        assert isinstance(event["category"], list)
        if event["event"] == "bounce":
            assert event["type"] in ("bounce", "blocked")


def test_event_ids_are_unique_and_negative_signals_occur(email_events):
    ids = [event["sg_event_id"] for event in email_events]
    assert len(ids) == len(set(ids))
    kinds = Counter(event["event"] for event in email_events)
    assert set(EXTRA) <= set(kinds)
    assert kinds["delivered"] > kinds["open"] / 3 > kinds["click"] / 3


def test_buyers_click_the_same_link_more_than_once(email_events):
    clicks = Counter(
        (event["sg_message_id"], event["url"])
        for event in email_events
        if event["event"] == "click"
    )
    assert sum(1 for count in clicks.values() if count > 1) >= 20


def test_suppressed_addresses_get_no_more_mail(email_events):
    stopped = {}
    for event in email_events:
        if event["event"] in ("unsubscribe", "group_unsubscribe", "spamreport"):
            stopped.setdefault(event["email"], event["timestamp"])
    assert stopped
    for event in email_events:
        if event["event"] == "processed" and event["email"] in stopped:
            # the next weekly mail (a week later) must not be sent
            assert event["timestamp"] < stopped[event["email"]] + 3_600 * 24
