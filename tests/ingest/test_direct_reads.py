"""DuckDB's JSON reader takes a landing file only when its records are exactly the line
reader's: the same payloads at the same line numbers. Expected records come from Python's own
reading of the bytes (split on newlines, final newline ends the last line), not from either
reader; every other shape is left whole to the line reader."""

import gzip
import json

import pytest
import zstandard

from lead_scoring.ingest.direct_reads import read_directly
from lead_scoring.ingest.landing_files import WEB_EVENTS, load_landing_files
from lead_scoring.ingest.landing_rule import ARRAY, LINES, LandingFile
from lead_scoring.ingest.records import start_records
from tests.ingest.arrivals import array_bytes, page, sendgrid
from tests.ingest.bad_inputs import warehouse

LINE_1, LINE_2, LINE_3 = (json.dumps(page(f"m{i}")).encode() for i in (1, 2, 3))


def _lines_oracle(text: bytes) -> list[tuple[int, str]]:
    lines = text.split(b"\n")
    if lines[-1] == b"":
        lines.pop()  # the final newline ends the last line
    return [(n, line.decode()) for n, line in enumerate(lines, start=1)]


def _land(path, data: bytes, compression: str | None, fmt: str = LINES) -> LandingFile:
    if compression == ".gz":
        data = gzip.compress(data)
    elif compression == ".zst":
        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)
    return LandingFile(path, fmt, compression)


def _records(con, path) -> list[tuple[int, str]]:
    sql = "select position, payload from _ingest_records where source = ? order by position"
    return con.execute(sql, [str(path)]).fetchall()


@pytest.mark.parametrize("compression", [None, ".gz"])
def test_clean_files_are_read_directly_with_their_line_numbers(tmp_path, compression):
    suffix = ".jsonl" + (compression or "")
    texts = {
        tmp_path / f"a{suffix}": LINE_1 + b"\n" + LINE_2 + b"\n",
        tmp_path / f"b{suffix}": LINE_3 + b"\n" + LINE_1 + b"\n" + LINE_2,  # no final newline
        tmp_path / f"c{suffix}": b"",
    }
    files = [_land(path, text, compression) for path, text in texts.items()]
    with warehouse() as con:
        start_records(con)
        assert read_directly(con, files) == set(texts)  # one batch of three files
        for path, text in texts.items():
            assert _records(con, path) == _lines_oracle(text)


def test_a_gzip_file_of_several_members_is_read_whole(tmp_path):
    path = tmp_path / "day.jsonl.gz"
    path.write_bytes(gzip.compress(LINE_1 + b"\n") + gzip.compress(LINE_2 + b"\n" + LINE_3 + b"\n"))
    with warehouse() as con:
        start_records(con)
        assert read_directly(con, [LandingFile(path, LINES, ".gz")]) == {path}
        assert _records(con, path) == _lines_oracle(LINE_1 + b"\n" + LINE_2 + b"\n" + LINE_3)


SHAPES = {
    "blank line": LINE_1 + b"\n\n" + LINE_2 + b"\n",
    "spaces only": LINE_1 + b"\n   \n" + LINE_2 + b"\n",
    # one byte too many, one newline too few: only the last byte tells it from a clean file
    "blank line, no final newline": LINE_1 + b"\n\n" + LINE_2,
    "space after a record": LINE_1 + b" \n" + LINE_2 + b"\n",
    "windows line ends": LINE_1 + b"\r\n" + LINE_2 + b"\r\n",
    "byte order mark": b"\xef\xbb\xbf" + LINE_1 + b"\n",
    "not JSON": LINE_1 + b'\n{"messageId": tru\n' + LINE_2 + b"\n",
    "two records on a line": LINE_1 + b" " + LINE_2 + b"\n",
    "not UTF-8": LINE_1 + b'\n{"messageId": "\xff"}\n',
    "half a record": LINE_1 + b"\n" + LINE_2[:20],
    "spaces only file": b"  \n",
}


@pytest.mark.parametrize("compression", [None, ".gz"])
@pytest.mark.parametrize("shape", SHAPES)
def test_any_other_shape_is_left_whole_to_the_line_reader(tmp_path, shape, compression):
    clean = _land(tmp_path / "clean.jsonl", LINE_3 + b"\n", None)
    other = _land(tmp_path / f"other.jsonl{compression or ''}", SHAPES[shape], compression)
    with warehouse() as con:
        start_records(con)
        assert read_directly(con, [clean, other]) == {clean.path}
        assert _records(con, other.path) == []
        assert _records(con, clean.path) == [(1, LINE_3.decode())]


def test_zstd_and_broken_gzip_are_left_to_the_line_reader(tmp_path):
    zst = _land(tmp_path / "a.jsonl.zst", LINE_1 + b"\n", ".zst")
    broken = tmp_path / "b.jsonl.gz"
    broken.write_bytes(gzip.compress(LINE_1 + b"\n" + LINE_2 + b"\n")[:-12])
    with warehouse() as con:
        start_records(con)
        assert read_directly(con, [zst, LandingFile(broken, LINES, ".gz")]) == set()
        assert con.execute("select count(*) from _ingest_records").fetchone() == (0,)


def test_an_array_is_read_directly_with_compact_payloads(tmp_path):
    events = [sendgrid("e1"), sendgrid("e2")]
    spaced = _land(tmp_path / "a.json", array_bytes(events), None, ARRAY)
    gzipped = _land(tmp_path / "b.json.gz", array_bytes(events[::-1]), ".gz", ARRAY)
    empty = _land(tmp_path / "c.json", b"[]", None, ARRAY)
    not_array = _land(tmp_path / "d.json", b'{"sg_event_id": "e3"}', None, ARRAY)
    with warehouse() as con:
        start_records(con)
        read = read_directly(con, [spaced, gzipped, empty, not_array])
        assert read == {spaced.path, gzipped.path}  # an empty array is the line reader's
        for file, expected in ((spaced, events), (gzipped, events[::-1])):
            compact = [json.dumps(e, separators=(",", ":"), ensure_ascii=False) for e in expected]
            assert _records(con, file.path) == list(enumerate(compact, start=1))


def test_a_bad_line_after_a_blank_one_is_quarantined_at_its_line(tmp_path):
    """The whole load: one file read directly, one by the line reader, line numbers exact."""
    (tmp_path / "a.jsonl").write_bytes(LINE_1 + b"\n" + LINE_2 + b"\n")
    (tmp_path / "b.jsonl").write_bytes(LINE_3 + b"\n\n" + b'{"messageId": tru\n')
    with warehouse() as con:
        result = load_landing_files(con, WEB_EVENTS, tmp_path, "load-1")
        rows = con.execute("select source, position from raw._quarantine").fetchall()
    assert rows == [(str(tmp_path / "b.jsonl"), 3)]
    assert (result.rows_inserted, result.rows_quarantined) == (3, 1)
