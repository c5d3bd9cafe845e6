"""Keys already in raw are found through their hashes (ingest/key_hashes.py), and raw's own key
columns still decide: a missing or stale hash table is rebuilt, a hash alone never skips."""

from lead_scoring.ingest.landing_files import WEB_EVENTS, load_landing_files
from lead_scoring.ingest.warehouse import ensure_raw_schema
from tests.ingest.arrivals import landed_ids, lines_bytes, page, write
from tests.ingest.bad_inputs import warehouse


def _land(con, folder, load_id):
    return load_landing_files(con, WEB_EVENTS, folder, load_id)


def _hashes(con) -> int:
    return con.execute("select count(*) from raw._web_events_keys").fetchone()[0]


def test_every_landed_row_has_its_hash_and_a_redelivery_lands_nothing(tmp_path):
    write(tmp_path / "a/day1.jsonl", lines_bytes([page("m1"), page("m2")]))
    # the same events again in another file (Segment retries), and one new one
    write(tmp_path / "b/day1-retry.jsonl", lines_bytes([page("m2"), page("m1"), page("m3")]))
    with warehouse() as con:
        assert _land(con, tmp_path / "a", "load-1").rows_inserted == 2
        result = _land(con, tmp_path / "b", "load-2")
        assert landed_ids(con, "web_events", "message_id") == ["m1", "m2", "m3"]
        assert _hashes(con) == 3
    assert (result.rows_inserted, result.rows_skipped, result.rows_quarantined) == (1, 2, 0)


def test_a_warehouse_without_hashes_gets_them_from_raw(tmp_path):
    """A warehouse from before the hash tables: the next ingest writes them from raw first,
    so an event landed back then is still not landed twice."""
    write(tmp_path / "a/day1.jsonl", lines_bytes([page("m1"), page("m2")]))
    write(tmp_path / "b/again.jsonl", lines_bytes([page("m1"), page("m2")]))
    with warehouse() as con:
        _land(con, tmp_path / "a", "load-1")
        con.execute("drop table raw._web_events_keys")
        ensure_raw_schema(con)
        assert _hashes(con) == 2
        assert _land(con, tmp_path / "b", "load-2").rows_inserted == 0
        assert landed_ids(con, "web_events", "message_id") == ["m1", "m2"]


def test_hashes_made_by_another_duckdb_are_made_again(tmp_path):
    """DuckDB's hash() may change between versions: a canary that differs rebuilds every
    hash table from raw (here the table was emptied, as if every hash had changed)."""
    write(tmp_path / "a/day1.jsonl", lines_bytes([page("m1")]))
    write(tmp_path / "b/again.jsonl", lines_bytes([page("m1")]))
    with warehouse() as con:
        _land(con, tmp_path / "a", "load-1")
        con.execute("delete from raw._web_events_keys")
        con.execute("update raw._key_hash_canary set canary = canary + 1")
        ensure_raw_schema(con)
        assert _hashes(con) == 1
        assert _land(con, tmp_path / "b", "load-2").rows_inserted == 0


def test_a_hash_alone_never_skips_a_new_event(tmp_path):
    """A stale hash, or another key with the same hash, is only a candidate: raw's key
    columns decide, so the new event lands."""
    write(tmp_path / "day1.jsonl", lines_bytes([page("m1")]))
    with warehouse() as con:
        con.execute("insert into raw._web_events_keys select hash('m1'::varchar)")
        assert _land(con, tmp_path, "load-1").rows_inserted == 1
        assert landed_ids(con, "web_events", "message_id") == ["m1"]
