"""web/YYYY-MM-DD.jsonl: Segment page/track/identify events of that UTC day, in time order."""

import json
import re
from collections import defaultdict
from datetime import date, timedelta

from tests.generator.conftest import END

ISO_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
TRACK_PROPERTIES = {
    "Form Submitted": {"form_type"},
    "File Downloaded": {"asset", "file_name"},
    "Webinar Registered": {
        "webinar_id",
        "webinar_title",
        "webinar_start_time",
        "webinar_end_time",
    },
    "Webinar Attended": {
        "webinar_id",
        "webinar_title",
        "webinar_start_time",
        "webinar_end_time",
    },
    "Booth Visited": {"trade_show"},
}


def test_one_file_per_day_of_the_window(dataset):
    expected = [(END - timedelta(days=d)).isoformat() for d in range(89, -1, -1)]
    assert [p.stem for p in dataset.web_files()] == expected
    assert [p.stem for p in dataset.email_files()] == expected


def test_each_file_holds_its_own_day_in_time_order(dataset):
    for path in dataset.web_files():
        stamps = [json.loads(line)["timestamp"] for line in path.open()]
        assert stamps == sorted(stamps)
        assert {s[:10] for s in stamps} <= {path.stem}


def test_events_have_segment_shapes(web_events):
    for event in web_events:
        assert event["type"] in ("page", "track", "identify")
        for key in ("timestamp", "sentAt", "receivedAt"):
            assert ISO_Z.match(event[key]), event
        assert event["timestamp"] <= event["sentAt"] <= event["receivedAt"]
        assert {"ip", "library"} <= set(event["context"])
        if event["type"] == "page":
            assert set(event["properties"]) == {"path", "url", "title", "referrer"}
            assert event["context"]["page"]["path"] == event["properties"]["path"]
            assert event["name"]
        elif event["type"] == "track":
            assert set(event["properties"]) == TRACK_PROPERTIES[event["event"]]
        else:
            assert set(event["traits"]) == {"email", "firstName", "lastName", "company"}
            assert "userId" in event and "properties" not in event


def test_message_ids_are_unique(web_events):
    ids = [event["messageId"] for event in web_events]
    assert len(ids) == len(set(ids))


def test_user_id_appears_only_from_the_identify_on(web_events):
    first_identify, first_user = {}, {}
    for event in web_events:  # files are read in time order
        anon = event["anonymousId"]
        if event["type"] == "identify":
            first_identify.setdefault(anon, event["timestamp"])
        if "userId" in event:
            first_user.setdefault(anon, event["timestamp"])
    assert first_user
    for anon, seen in first_user.items():
        assert anon in first_identify and first_identify[anon] <= seen


def test_anonymous_history_before_identify_and_pure_noise_exist(web_events):
    by_anon = defaultdict(list)
    for event in web_events:
        by_anon[event["anonymousId"]].append(event)
    resolvable = [
        events
        for events in by_anon.values()
        if "userId" not in events[0] and any(e["type"] == "identify" for e in events)
    ]
    never_known = [events for events in by_anon.values() if not any("userId" in e for e in events)]
    assert len(resolvable) > 50
    assert len(never_known) > 200


def test_every_track_event_of_the_contract_occurs(web_events):
    seen = {e.get("event") for e in web_events}
    forms = {e["properties"]["form_type"] for e in web_events if e.get("event") == "Form Submitted"}
    assets = {e["properties"]["asset"] for e in web_events if e.get("event") == "File Downloaded"}
    assert set(TRACK_PROPERTIES) <= seen
    assert forms == {"contact", "quote_request", "newsletter"}
    assert assets == {"price_list", "product_catalog", "whitepaper"}


def test_volume_is_about_seventy_events_per_lead_over_ninety_days(dataset):
    per_lead = (dataset.summary.web_events + dataset.summary.email_events) / 1_000
    assert 55 <= per_lead <= 85
    assert dataset.summary.web_files == 90


def test_window_ends_on_the_end_date(dataset):
    assert dataset.web_files()[-1].stem == date(2026, 11, 20).isoformat()
