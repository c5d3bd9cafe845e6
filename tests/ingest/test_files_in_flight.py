"""Case 2 of issue 11: a file still being written never loses a line to timing.

The loader takes a file's identity before reading and checks it after; a line without its
newline yet is held back until the file is seen unchanged on the next look; a file that grew
is read again for its new lines only."""

import dataclasses
import random
import threading
import time

from lead_scoring.ingest.landing_files import WEB_EVENTS, load_landing_files
from tests.ingest.arrivals import landed_ids, lines_bytes, page, quarantined
from tests.ingest.bad_inputs import warehouse

IDS = [f"m{i:03d}" for i in range(40)]


def _finishing_writer(path, rest: bytes):
    """A reader that lets the writer finish the file while the load reads it."""

    def read(con, files):
        WEB_EVENTS.read(con, files)
        with path.open("ab") as tail:
            tail.write(rest)

    return dataclasses.replace(WEB_EVENTS, read=read)


def test_a_writer_finishing_during_the_load_loses_nothing(tmp_path):
    data = lines_bytes([page(i) for i in IDS])
    cut = len(data) // 2  # mid-line: the first load sees half a record at the end
    day = tmp_path / "day.jsonl"
    day.write_bytes(data[:cut])

    with warehouse() as con:
        load_landing_files(con, _finishing_writer(day, data[cut:]), tmp_path, "load-1")
        load_landing_files(con, WEB_EVENTS, tmp_path, "load-2")
        load_landing_files(con, WEB_EVENTS, tmp_path, "load-3")
        # every record of the input ends in raw or quarantine, counted: all in raw, once
        assert landed_ids(con, "web_events", "message_id") == IDS
        assert quarantined(con) == 0


def test_a_half_written_last_line_waits_for_the_rest(tmp_path):
    data = lines_bytes([page(i) for i in IDS[:3]])
    day = tmp_path / "day.jsonl"
    day.write_bytes(data[:-20])  # third line cut, no newline

    with warehouse() as con:
        first = load_landing_files(con, WEB_EVENTS, tmp_path, "load-1")
        assert landed_ids(con, "web_events", "message_id") == IDS[:2]
        day.write_bytes(data)
        second = load_landing_files(con, WEB_EVENTS, tmp_path, "load-2")
        assert landed_ids(con, "web_events", "message_id") == IDS[:3]
        assert quarantined(con) == 0
    assert (first.rows_inserted, second.records_read, second.rows_inserted) == (2, 1, 1)


def test_a_last_line_without_newline_loads_once_the_file_is_unchanged(tmp_path):
    data = lines_bytes([page(i) for i in IDS[:2]]).rstrip(b"\n")
    (tmp_path / "day.jsonl").write_bytes(data)
    with warehouse() as con:
        load_landing_files(con, WEB_EVENTS, tmp_path, "load-1")
        assert landed_ids(con, "web_events", "message_id") == IDS[:1]
        load_landing_files(con, WEB_EVENTS, tmp_path, "load-2")
        assert landed_ids(con, "web_events", "message_id") == IDS[:2]
        again = load_landing_files(con, WEB_EVENTS, tmp_path, "load-3")
    assert (again.sources, again.files_skipped) == (0, 1)


def _write_in_pieces(path, data: bytes, rng: random.Random, done: threading.Event):
    cuts = sorted(rng.sample(range(1, len(data)), 7))
    with path.open("wb") as out:
        for start, end in zip([0, *cuts], [*cuts, len(data)], strict=True):
            out.write(data[start:end])
            out.flush()
            time.sleep(rng.uniform(0.0, 0.06))
    done.set()


def test_a_file_written_in_pieces_while_loads_start_every_100_ms(tmp_path):
    """50 trials; whatever the timing, every line ends in raw exactly once and none is
    quarantined. (No timing is asserted: the sleeps only make the interleavings vary.)"""
    rng = random.Random(11)
    for trial in range(50):
        folder = tmp_path / f"trial-{trial}"
        folder.mkdir()
        ids = [f"t{trial}-{i:02d}" for i in range(12)]
        data = lines_bytes([page(i) for i in ids])
        if trial % 2:
            data = data.rstrip(b"\n")  # half the writers end without a newline
        done = threading.Event()
        writer = threading.Thread(
            target=_write_in_pieces, args=(folder / "day.jsonl", data, rng, done)
        )
        with warehouse() as con:
            writer.start()
            loads = 0
            while not done.is_set() or loads < 2:
                load_landing_files(con, WEB_EVENTS, folder, f"load-{loads}")
                loads += 1
                if not done.is_set():
                    time.sleep(0.1)
            writer.join()
            load_landing_files(con, WEB_EVENTS, folder, "after-1")
            load_landing_files(con, WEB_EVENTS, folder, "after-2")
            assert landed_ids(con, "web_events", "message_id") == ids, f"trial {trial}"
            assert quarantined(con) == 0, f"trial {trial}"
