import json

import pytest

from lead_scoring.ingest.landing_files import EMAIL_EVENTS, WEB_EVENTS, load_landing_files
from lead_scoring.ingest.naming import raw_column_name
from lead_scoring.ingest.warehouse import connect, ensure_raw_schema


def _page(message_id: str, anonymous_id: str = "anon-1", **extra) -> dict:
    return {
        "messageId": message_id,
        "type": "page",
        "name": "Pricing",
        "anonymousId": anonymous_id,
        "timestamp": "2026-11-20T10:00:00.000Z",
        "properties": {"path": "/pricing", "url": "https://example.co.jp/pricing"},
        "context": {"ip": "203.0.113.5", "page": {"path": "/pricing"}},
        **extra,
    }


def _write_lines(path, events):
    path.write_text("".join(json.dumps(e) + "\n" for e in events))


@pytest.fixture
def con(tmp_path):
    with connect(tmp_path / "warehouse.duckdb") as con:
        ensure_raw_schema(con)
        yield con


def test_raw_column_names_follow_the_source_fields():
    assert raw_column_name("No_of_Employees") == "no_of_employees"
    assert raw_column_name("anonymousId") == "anonymous_id"
    assert raw_column_name("smtp-id") == "smtp_id"
    assert raw_column_name("$se_module") == "se_module"
    assert raw_column_name("MEDDIC_Economic_Buyer") == "meddic_economic_buyer"


def test_web_events_load_once_with_nested_objects_kept_as_json(con, tmp_path):
    folder = tmp_path / "web"
    folder.mkdir()
    _write_lines(folder / "2026-11-20.jsonl", [_page("m1"), _page("m2", userId="u-9")])

    first = load_landing_files(con, WEB_EVENTS, folder, load_id="load-1")
    again = load_landing_files(con, WEB_EVENTS, folder, load_id="load-2")

    assert (first.sources, first.rows_inserted) == (1, 2)
    assert (again.sources, again.files_skipped, again.rows_inserted) == (0, 1, 0)
    rows = con.execute(
        "select message_id, user_id, properties->>'$.path', _load_id, _source "
        "from raw.web_events order by message_id"
    ).fetchall()
    assert rows == [
        ("m1", None, "/pricing", "load-1", str(folder / "2026-11-20.jsonl")),
        ("m2", "u-9", "/pricing", "load-1", str(folder / "2026-11-20.jsonl")),
    ]


def test_a_grown_file_adds_only_its_new_events(con, tmp_path):
    folder = tmp_path / "web"
    folder.mkdir()
    day = folder / "2026-11-20.jsonl"
    _write_lines(day, [_page("m1")])
    load_landing_files(con, WEB_EVENTS, folder, load_id="load-1")
    _write_lines(day, [_page("m1"), _page("m2"), _page("m2")])  # repeated id in the file

    result = load_landing_files(con, WEB_EVENTS, folder, load_id="load-2")

    assert result.rows_inserted == 1
    assert con.execute("select count(*) from raw.web_events").fetchone()[0] == 2


def test_sendgrid_batches_keep_hyphenated_and_list_fields(con, tmp_path):
    folder = tmp_path / "email"
    folder.mkdir()
    event = {
        "email": "Buyer@Example.co.jp",
        "timestamp": 1763632800,
        "event": "click",
        "sg_event_id": "ev-1",
        "sg_message_id": "msg-1",
        "smtp-id": "<abc@ismtpd>",
        "category": ["newsletter", "nov"],
        "url": "https://example.co.jp/price-list",
    }
    (folder / "2026-11-20.json").write_text(json.dumps([event]))

    result = load_landing_files(con, EMAIL_EVENTS, folder, load_id="load-1")

    assert result.rows_inserted == 1
    row = con.execute(
        "select email, timestamp, smtp_id, category->>'$[1]', url from raw.email_events"
    ).fetchone()
    assert row == ("Buyer@Example.co.jp", 1763632800, "<abc@ismtpd>", "nov", event["url"])
