"""Bad Segment lines: each is quarantined with its reason, the good lines of the same file load,
and raw ends up exactly as a clean file of the good lines alone gives."""

import json

import pytest

from lead_scoring.ingest.landing_files import WEB_EVENTS, load_landing_files
from tests.ingest.bad_inputs import WEB_DAY, Case, quarantine, raw_rows, warehouse


def _page(message_id: str, **fields) -> dict:
    return {
        "messageId": message_id,
        "type": "page",
        "name": "Pricing",
        "anonymousId": "anon-1",
        "timestamp": f"{WEB_DAY}T10:00:00.000Z",
        "properties": {"path": "/pricing"},
        "context": {"ip": "203.0.113.5"},
        **fields,
    }


def _without(record: dict, key: str) -> dict:
    return {k: v for k, v in record.items() if k != key}


def _write(folder, records: list) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [r if isinstance(r, bytes) else json.dumps(r).encode() for r in records]
    (folder / f"{WEB_DAY}.jsonl").write_bytes(b"".join(line + b"\n" for line in lines))


TWO_MB = "x" * 2_000_000
CASES = {
    "truncated JSON": Case(
        [_page("m1"), b'{"messageId": "m9", "type": "page", "timestamp": "2026-11-', _page("m2")],
        {2: "not valid JSON: Unterminated string starting at: line 1 column 50 (char 49)"},
    ),
    "non-UTF-8 bytes": Case(
        [_page("m1"), b'{"messageId": "m9", "name": "\xff\xfe"}', _page("m2")],
        {2: "not valid UTF-8: byte 0xff at byte 30"},
    ),
    "duplicate event id, same content (re-delivery)": Case([_page("m1"), _page("m1")], skipped=1),
    "duplicate event id, other content": Case(
        [_page("m1"), _page("m1", name="Other")], {2: 'messageId "m1" repeats '}
    ),
    "missing key": Case(
        [_page("m1"), _without(_page("m9"), "messageId")], {2: "messageId is missing"}
    ),
    "wrong type": Case(
        [_page("m1", properties="/pricing")],
        {1: 'properties is text "/pricing", expected an object'},
    ),
    "unknown event type": Case(
        [_page("m1"), _page("m9", type="pageview")],
        {2: 'type is "pageview", expected one of page, screen, track, identify, group, alias'},
    ),
    "future timestamp": Case(
        [_page("m1"), _page("m9", timestamp="2030-01-01T00:00:00Z")],
        {2: "timestamp is 2030-01-01T00:00:00Z, in the future"},
    ),
    "timestamp that is not a time": Case(
        [_page("m1"), _page("m9", timestamp="yesterday")],
        {2: 'timestamp is "yesterday", not an ISO 8601 time'},
    ),
    "no visitor id": Case(
        [_page("m1"), _without(_page("m9"), "anonymousId")],
        {2: "anonymousId or userId is required"},
    ),
    "2 MB field": Case(
        [_page("m1"), _page("m9", properties={"blob": TWO_MB}), _page("m2")],
        {2: "record is 2000"},
    ),
    "a JSON array, not an object": Case(
        [_page("m1"), b"[1, 2]"], {2: "record is a list, expected a JSON object"}
    ),
    "several problems in one line": Case(
        [_page("m1"), _page("m9", type="x", timestamp=None)],
        {2: 'type is "x", expected one of page'},
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_bad_line_is_quarantined_and_the_good_lines_load(case, tmp_path):
    quarantined = case.quarantined
    with warehouse() as con, warehouse() as clean:
        _write(tmp_path / "bad", case.records)
        _write(tmp_path / "clean", case.good())

        result = load_landing_files(con, WEB_EVENTS, tmp_path / "bad", "load-1")
        load_landing_files(clean, WEB_EVENTS, tmp_path / "clean", "load-1")

        reasons = quarantine(con)
        assert set(reasons) == set(quarantined)
        for position, start in quarantined.items():
            assert reasons[position].startswith(start), reasons[position]
        assert raw_rows(con, "web_events") == raw_rows(clean, "web_events")
        assert result.records_read == len(case.records)
        assert (result.rows_quarantined, result.rows_skipped) == (len(quarantined), case.skipped)


def test_an_oversized_record_keeps_a_cut_payload_and_its_full_size(tmp_path):
    _write(tmp_path, [_page("m9", properties={"blob": TWO_MB})])
    with warehouse() as con:
        load_landing_files(con, WEB_EVENTS, tmp_path, "load-1")
        kept, size, reason = con.execute(
            "select length(payload), payload_bytes, reason from raw._quarantine"
        ).fetchone()
    assert (kept, size) == (65_536, len(json.dumps(_page("m9", properties={"blob": TWO_MB}))))
    assert (
        reason
        == f"record is {size} bytes, above the limit of 1048576 (LEAD_SCORING_MAX_RECORD_BYTES)"
    )


def test_the_quarantine_row_keeps_source_position_payload_and_load(tmp_path):
    bad_line = b'{"messageId": "m9", "type": "pageview"}'
    _write(tmp_path, [_page("m1"), bad_line])
    with warehouse() as con:
        load_landing_files(con, WEB_EVENTS, tmp_path, "load-7")
        row = con.execute(
            "select source_table, source, position, payload, payload_bytes, _load_id, reason "
            "from raw._quarantine"
        ).fetchone()
    assert row[:6] == ("web_events", str(tmp_path / f"{WEB_DAY}.jsonl"), 2, bad_line.decode(),
                       len(bad_line), "load-7")  # fmt: skip
    assert row[6] == (
        'type is "pageview", expected one of page, screen, track, identify, group, alias; '
        "timestamp is missing; anonymousId or userId is required"
    )
