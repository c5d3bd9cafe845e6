"""Segment files whose shape is unusual but not wrong (kept), or wrong in every line (drift)."""

import json

import pytest

from lead_scoring.ingest.errors import SchemaDriftError
from lead_scoring.ingest.landing_files import WEB_EVENTS, load_landing_files
from tests.ingest.bad_inputs import WEB_DAY, nothing_landed, quarantine, raw_rows, warehouse
from tests.ingest.test_bad_web_lines import _page, _without, _write


def test_a_new_source_field_is_kept_in_extra_and_reported(tmp_path):
    _write(tmp_path, [_page("m1", experimentId="exp-7"), _page("m2")])
    with warehouse() as con:
        result = load_landing_files(con, WEB_EVENTS, tmp_path, "load-1")
        extras = con.execute("select message_id, _extra from raw.web_events order by 1").fetchall()
    assert extras == [("m1", '{"experimentId":"exp-7"}'), ("m2", None)]
    assert result.new_fields == ["experimentId"]
    assert result.rows_quarantined == 0


def test_blank_lines_and_windows_line_ends_are_not_records(tmp_path):
    lines = [json.dumps(_page("m1")).encode(), b"", b"   ", json.dumps(_page("m2")).encode()]
    tmp_path.joinpath(f"{WEB_DAY}.jsonl").write_bytes(b"\r\n".join(lines) + b"\r\n\r\n")
    with warehouse() as con:
        result = load_landing_files(con, WEB_EVENTS, tmp_path, "load-1")
        assert quarantine(con) == {}
        ids = con.execute("select message_id from raw.web_events order by 1").fetchall()
    assert ids == [("m1",), ("m2",)]
    assert result.rows_inserted == 2


def test_an_empty_file_loads_nothing_and_is_reported(tmp_path):
    tmp_path.joinpath(f"{WEB_DAY}.jsonl").write_bytes(b"")
    with warehouse() as con:
        result = load_landing_files(con, WEB_EVENTS, tmp_path, "load-1")
        assert quarantine(con) == {}
    assert result.empty_sources == [str(tmp_path / f"{WEB_DAY}.jsonl")]
    assert (result.records_read, result.rows_inserted) == (0, 0)


@pytest.mark.parametrize(
    ("records", "message"),
    [
        (
            [_without(_page(f"m{i}"), "messageId") | {"message_id": f"m{i}"} for i in range(3)],
            "web_events: source field 'messageId' is missing from all 3 records; "
            "the raw contract expects text (VARCHAR)",
        ),
        (
            [_page(f"m{i}", timestamp=1763632800 + i) for i in range(3)],
            "web_events: source field 'timestamp' is a number in all 3 records that have it; "
            "the raw contract expects an ISO 8601 time (text)",
        ),
    ],
    ids=["missing column", "retyped column"],
)
def test_a_field_gone_or_retyped_in_every_line_stops_the_load(records, message, tmp_path):
    _write(tmp_path, records)
    with warehouse() as con:
        with pytest.raises(SchemaDriftError) as raised:
            load_landing_files(con, WEB_EVENTS, tmp_path, "load-1")
        assert nothing_landed(con, "web_events")
        text = str(raised.value)
        assert text.startswith(message)
        assert str(tmp_path / f"{WEB_DAY}.jsonl") in text  # where
        assert "update the raw contract in orchestration/lead_scoring/ingest/contracts.py" in text

        _write(tmp_path, [_page("m1")])  # the source is fixed: the file is read again
        assert load_landing_files(con, WEB_EVENTS, tmp_path, "load-2").rows_inserted == 1
        assert raw_rows(con, "web_events")[0][0] == "m1"


def test_a_copy_sent_again_with_other_spacing_or_key_order_is_the_same_event(tmp_path):
    first = _page("m1")
    again = json.dumps(dict(reversed(list(first.items()))), indent=None, separators=(", ", " : "))
    _write(tmp_path, [first, again.encode()])
    with warehouse() as con:
        result = load_landing_files(con, WEB_EVENTS, tmp_path, "load-1")
        assert quarantine(con) == {}
    assert (result.rows_inserted, result.rows_skipped) == (1, 1)
