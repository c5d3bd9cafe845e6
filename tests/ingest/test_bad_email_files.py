"""Bad SendGrid batches: a bad element is quarantined on its own, a file that is not a JSON
array is quarantined whole (position 0); every good event, of the same or another file, loads
and raw ends up exactly as clean files of the good events alone give."""

import json

import pytest

from lead_scoring.ingest.errors import SchemaDriftError
from lead_scoring.ingest.landing_files import EMAIL_EVENTS, load_landing_files
from tests.ingest.bad_inputs import Case, nothing_landed, quarantine, raw_rows, warehouse

SENDGRID_EVENTS = "processed, dropped, delivered, deferred, bounce, open, click, spamreport"


def _event(event_id: str, **fields) -> dict:
    return {
        "email": "buyer@example.co.jp",
        "timestamp": 1763632800,
        "event": "open",
        "sg_event_id": event_id,
        "sg_message_id": "msg-1",
        "smtp-id": "<abc@ismtpd>",
        "category": ["newsletter"],
        **fields,
    }


def _write(folder, name: str, content) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    data = content if isinstance(content, bytes) else json.dumps(content).encode()
    (folder / name).write_bytes(data)


ELEMENT_CASES = {
    "null e-mail": Case([_event("e1"), _event("e9", email=None)], {2: "email is missing"}),
    "malformed e-mail": Case(
        [_event("e1"), _event("e9", email="buyer at example")],
        {2: 'email is "buyer at example", not an e-mail address'},
    ),
    "upper-case duplicate e-mail (the same person: loaded, staging normalises)": Case(
        [_event("e1"), _event("e2", email="BUYER@EXAMPLE.CO.JP")]
    ),
    "unknown event": Case(
        [_event("e1"), _event("e9", event="opened")],
        {2: f'event is "opened", expected one of {SENDGRID_EVENTS}'},
    ),
    "negative timestamp": Case(
        [_event("e1"), _event("e9", timestamp=-5)], {2: "timestamp is -5, before 1970"}
    ),
    "timestamp in milliseconds (far future)": Case(
        [_event("e1"), _event("e9", timestamp=1763632800000)],
        {2: "timestamp is 1763632800000 (Unix seconds), in the future"},
    ),
    "wrongly typed number": Case(
        [_event("e1"), _event("e9", event="group_unsubscribe", asm_group_id="abc")],
        {2: 'asm_group_id is text "abc", expected a whole number (BIGINT)'},
    ),
    "an element that is not an object": Case(
        [_event("e1"), "open"], {2: "record is text, expected a JSON object"}
    ),
    "duplicate event id, other content": Case(
        [_event("e1"), _event("e1", event="click")], {2: 'sg_event_id "e1" repeats '}
    ),
}


@pytest.mark.parametrize("case", ELEMENT_CASES.values(), ids=ELEMENT_CASES.keys())
def test_a_bad_event_is_quarantined_and_the_rest_of_the_batch_loads(case, tmp_path):
    with warehouse() as con, warehouse() as clean:
        _write(tmp_path / "bad", "2026-11-20.json", case.records)
        _write(tmp_path / "clean", "2026-11-20.json", case.good())

        result = load_landing_files(con, EMAIL_EVENTS, tmp_path / "bad", "load-1")
        load_landing_files(clean, EMAIL_EVENTS, tmp_path / "clean", "load-1")

        reasons = quarantine(con)
        assert set(reasons) == set(case.quarantined)
        for position, start in case.quarantined.items():
            assert reasons[position].startswith(start), reasons[position]
        assert raw_rows(con, "email_events") == raw_rows(clean, "email_events")
        assert result.rows_inserted == len(case.good())


FILE_CASES = {
    "truncated array": (
        b'[{"sg_event_id": "e9", "event": "open"}, {"sg_event_id": "e',
        "file is not valid JSON: Unterminated string starting at: line 1 column 58 (char 57)",
    ),
    "non-UTF-8 file": (
        b'[{"sg_event_id": "e9", "email": "k\xe9@example.jp"}]',
        "file is not valid UTF-8: byte 0xe9 at byte 35",
    ),
    "an object, not an array": (
        json.dumps(_event("e9")).encode(),
        "file is an object, expected a JSON array of events",
    ),
    "empty file": (b"", "file is empty, expected a JSON array of events"),
}


@pytest.mark.parametrize(("content", "reason"), FILE_CASES.values(), ids=FILE_CASES.keys())
def test_a_file_that_is_not_an_array_is_quarantined_whole_and_other_files_load(
    content, reason, tmp_path
):
    _write(tmp_path, "2026-11-19.json", [_event("e1"), _event("e2")])
    _write(tmp_path, "2026-11-20.json", content)
    with warehouse() as con:
        result = load_landing_files(con, EMAIL_EVENTS, tmp_path, "load-1")
        row = con.execute("select source, position, reason, payload from raw._quarantine")
        assert row.fetchall() == [
            (str(tmp_path / "2026-11-20.json"), 0, reason,
             content.decode("utf-8", "backslashreplace"))
        ]  # fmt: skip
        ids = con.execute("select sg_event_id from raw.email_events order by 1").fetchall()
    assert ids == [("e1",), ("e2",)]
    assert (result.rows_inserted, result.rows_quarantined) == (2, 1)


def test_an_empty_batch_is_no_error(tmp_path):
    _write(tmp_path, "2026-11-20.json", [])
    with warehouse() as con:
        result = load_landing_files(con, EMAIL_EVENTS, tmp_path, "load-1")
        assert quarantine(con) == {}
    assert result.empty_sources == [str(tmp_path / "2026-11-20.json")]


def test_unix_seconds_sent_as_text_in_every_event_stop_the_load(tmp_path):
    events = [_event(f"e{i}", timestamp="2026-11-20T10:00:00Z") for i in range(3)]
    _write(tmp_path, "2026-11-20.json", events)
    with warehouse() as con:
        with pytest.raises(SchemaDriftError, match="email_events: source field 'timestamp' is "
                           "text in all 3 records that have it; the raw contract expects Unix "
                           r"seconds \(a whole number\)"):  # fmt: skip
            load_landing_files(con, EMAIL_EVENTS, tmp_path, "load-1")
        assert nothing_landed(con, "email_events")
