"""How raw stores what lands: text columns with zstd (raw_tables.column_sql), and a warehouse
whose raw tables were created before that still lands into them as they are."""

from lead_scoring.ingest.landing_files import WEB_EVENTS, load_landing_files
from lead_scoring.ingest.raw_tables import create_table_sql
from lead_scoring.ingest.warehouse import connect, ensure_raw_schema
from tests.ingest.arrivals import lines_bytes, write

EVENTS = 3000  # more than one vector, so the segments hold real data


def _web_file(folder):
    events = [
        {
            "messageId": f"m{n}",
            "type": "track",
            "event": "File Downloaded",
            "anonymousId": f"a{n % 40}",
            "timestamp": f"2026-11-19T10:{n % 60:02d}:00Z",
            "properties": {"asset": "price_list", "n": n},
            "context": {"page": {"url": f"https://x.jp/p/{n % 7}"}, "ip": "203.0.113.9"},
        }
        for n in range(EVENTS)
    ]
    write(folder / "day.jsonl", lines_bytes(events))
    return folder


def _compressions(con, columns):
    rows = con.execute(
        "select column_name, list(distinct compression order by compression) "
        "from pragma_storage_info('raw.web_events') "
        "where segment_type in ('VARCHAR', 'JSON', 'TIMESTAMP WITH TIME ZONE') and count > 0 "
        "and column_name in (select unnest(?)) group by 1 order by 1",
        [columns],
    ).fetchall()
    return dict(rows)


def test_landed_text_is_stored_with_zstd(tmp_path):
    with connect(tmp_path / "w.duckdb") as con:
        ensure_raw_schema(con)
        result = load_landing_files(con, WEB_EVENTS, _web_file(tmp_path / "web"), "l1")
        assert result.rows_inserted == EVENTS
        con.execute("checkpoint")
        stored = _compressions(con, ["message_id", "event", "properties", "context", "_loaded_at"])
    assert stored["message_id"] == stored["event"] == ["ZSTD"]
    assert stored["properties"] == stored["context"] == ["ZSTD"]
    assert stored["_loaded_at"] != ["ZSTD"]  # a timestamp keeps DuckDB's own choice


def test_a_raw_table_created_before_zstd_keeps_landing(tmp_path):
    with connect(tmp_path / "w.duckdb") as con:
        con.execute("create schema raw")
        con.execute(create_table_sql("web_events").replace(" using compression zstd", ""))
        ensure_raw_schema(con)
        result = load_landing_files(con, WEB_EVENTS, _web_file(tmp_path / "web"), "l1")
        con.execute("checkpoint")
        stored = _compressions(con, ["context"])
        landed = con.execute("select count(distinct message_id) from raw.web_events").fetchone()
    assert (result.rows_inserted, landed[0]) == (EVENTS, EVENTS)
    assert stored["context"] != ["ZSTD"]
