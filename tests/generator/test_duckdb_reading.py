"""The generated files load with DuckDB's read_json using the raw tables' column types."""

import duckdb
import pytest

from lead_scoring.ingest.raw_tables import EMAIL_EVENT_COLUMNS, WEB_EVENT_COLUMNS

SOURCE_KEYS = {  # raw column -> the key in the source payload, where they differ
    "message_id": "messageId",
    "anonymous_id": "anonymousId",
    "user_id": "userId",
    "sent_at": "sentAt",
    "received_at": "receivedAt",
    "smtp_id": "smtp-id",
}


def _columns(raw: dict[str, str]) -> str:
    pairs = ", ".join(f"'{SOURCE_KEYS.get(name, name)}': '{kind}'" for name, kind in raw.items())
    return "{" + pairs + "}"


@pytest.fixture
def con():
    with duckdb.connect() as con:
        yield con


def test_a_web_file_reads_with_the_raw_columns(con, dataset):
    path = dataset.web_files()[-1]
    con.execute(
        f"create view rows as select * from read_json('{path}', format = 'newline_delimited', "
        f"columns = {_columns(WEB_EVENT_COLUMNS)})"
    )
    count, pages, paths, with_user, identifies = con.execute(
        "select count(*), count(*) filter (type = 'page'), count(properties->>'$.path'), "
        "count(\"userId\"), count(traits->>'$.email') from rows"
    ).fetchone()
    assert count == sum(1 for _ in path.open())
    assert pages > 0 and paths >= pages and 0 < with_user < count and identifies > 0
    assert con.execute("select count(*) from rows where context->>'$.ip' is null").fetchone() == (
        0,
    )


def test_an_email_file_reads_with_the_raw_columns(con, dataset):
    path = dataset.email_files()[-1]
    con.execute(
        f"create view rows as select * from read_json('{path}', format = 'array', "
        f"columns = {_columns(EMAIL_EVENT_COLUMNS)})"
    )
    count, ids, smtp, categories, campaigns = con.execute(
        'select count(*), count(distinct sg_event_id), count("smtp-id"), '
        "count(category->>'$[0]'), count(marketing_campaign_id) from rows"
    ).fetchone()
    assert count > 0 and ids == count and smtp == count
    assert categories == count and campaigns == count


def test_crm_leads_read_as_records_with_nested_owner(con, dataset):
    path = dataset.root / "crm" / "leads.jsonl"
    count, owners = con.execute(
        f"select count(*), count(distinct \"Owner\".id) from read_json('{path}')"
    ).fetchone()
    assert count == 1_000 and owners == 8
