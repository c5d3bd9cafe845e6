"""A load bigger than LEAD_SCORING_LOAD_PART_MB lands as several loads of consecutive files,
each one transaction with its own load id, so a backfill of months of (compressed) files never
needs all their text on disk at once. Every record lands once, the figures add up, and a second
run adds nothing."""

import gzip

from lead_scoring.ingest.landing_files import WEB_EVENTS, load_landing_files
from tests.ingest.arrivals import landed_ids, lines_bytes, page, write
from tests.ingest.bad_inputs import warehouse


def loads(con) -> list[tuple]:
    return con.execute(
        "select load_id, sources, rows_inserted from raw._loads order by load_id"
    ).fetchall()


def test_a_big_load_lands_in_parts_of_consecutive_files(tmp_path):
    days = {f"2026-11-0{n}.jsonl": [page(f"d{n}-{i}") for i in range(3)] for n in (1, 2, 3)}
    for name, events in days.items():
        write(tmp_path / name, lines_bytes(events))
    size = (tmp_path / "2026-11-01.jsonl").stat().st_size
    every_id = sorted(event["messageId"] for events in days.values() for event in events)

    with warehouse() as con:
        # room for two files per part: days 1 and 2, then day 3
        result = load_landing_files(con, WEB_EVENTS, tmp_path, "big", part_bytes=2 * size + 10)
        assert loads(con) == [("big.1", 2, 6), ("big.2", 1, 3)]
        assert landed_ids(con, "web_events", "message_id") == every_id
        assert (result.sources, result.records_read, result.rows_inserted) == (3, 9, 9)

        again = load_landing_files(con, WEB_EVENTS, tmp_path, "again", part_bytes=2 * size + 10)
        assert (again.sources, again.rows_inserted, again.files_skipped) == (0, 0, 3)
        assert landed_ids(con, "web_events", "message_id") == every_id


def test_a_compressed_file_counts_at_ten_times_its_size(tmp_path):
    for name in ("a", "b"):
        plain = lines_bytes([page(f"{name}{i}") for i in range(40)])
        (tmp_path / f"{name}.jsonl.gz").write_bytes(gzip.compress(plain))
    compressed = (tmp_path / "a.jsonl.gz").stat().st_size

    with warehouse() as con:
        # both files fit at their own size, not at ten times it: two parts
        load_landing_files(con, WEB_EVENTS, tmp_path, "gz", part_bytes=3 * compressed)
        assert loads(con) == [("gz.1", 1, 40), ("gz.2", 1, 40)]


def test_a_load_within_the_limit_keeps_its_load_id(tmp_path):
    write(tmp_path / "one.jsonl", lines_bytes([page("x1"), page("x2")]))
    with warehouse() as con:
        load_landing_files(con, WEB_EVENTS, tmp_path, "small")
        assert loads(con) == [("small", 1, 2)]
