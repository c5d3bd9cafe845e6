"""A compressed landing file that cannot be decompressed waits one look (it may still be being
written); found unchanged on the next look, it is quarantined whole with the codec's reason,
once. The good files of the same folder load on the first look, untouched by it."""

import gzip
import os

from lead_scoring.ingest.landing_files import WEB_EVENTS, load_landing_files
from tests.ingest.arrivals import landed_ids, lines_bytes, page, quarantined, write
from tests.ingest.bad_inputs import warehouse


def broken_gzip(path, ids):
    whole = gzip.compress(lines_bytes([page(i) for i in ids]))
    path.write_bytes(whole[: len(whole) // 2])  # the stream stops inside its data


def test_a_broken_stream_waits_one_look_then_is_quarantined_whole_once(tmp_path):
    write(tmp_path / "good.jsonl", lines_bytes([page("a1"), page("a2")]))
    broken = tmp_path / "broken.jsonl.gz"
    broken_gzip(broken, [f"b{i}" for i in range(50)])

    with warehouse() as con:
        first = load_landing_files(con, WEB_EVENTS, tmp_path, "load-1")
        assert first.files_waiting == [str(broken)]
        assert landed_ids(con, "web_events", "message_id") == ["a1", "a2"]
        assert quarantined(con) == 0

        second = load_landing_files(con, WEB_EVENTS, tmp_path, "load-2")
        assert second.files_waiting == []
        [(source, position, reason)] = con.execute(
            "select source, position, reason from raw._quarantine"
        ).fetchall()
        assert (source, position) == (str(broken), 0)  # the whole file
        assert ".gz stream cannot be read" in reason

        third = load_landing_files(con, WEB_EVENTS, tmp_path, "load-3")
        assert (third.sources, third.files_waiting, quarantined(con)) == (0, [], 1)
        assert landed_ids(con, "web_events", "message_id") == ["a1", "a2"]


def test_a_broken_stream_that_changed_since_its_last_look_waits_again(tmp_path):
    broken = tmp_path / "growing.jsonl.gz"
    broken_gzip(broken, [f"b{i}" for i in range(50)])

    with warehouse() as con:
        load_landing_files(con, WEB_EVENTS, tmp_path, "load-1")
        broken_gzip(broken, [f"b{i}" for i in range(80)])  # still being written: it grew
        os.utime(broken, ns=(1, 1))
        again = load_landing_files(con, WEB_EVENTS, tmp_path, "load-2")

        assert again.files_waiting == [str(broken)]
        assert quarantined(con) == 0
