"""A hand-off's follow-up task carries the whole hand-off package the lesson lists, each item
from the data the pipeline has, and "unknown" where it has none; so does the report's table."""

import json
import re
from datetime import UTC, datetime

from lead_scoring.report.package import package_items
from tests.report.conftest import AS_OF
from tests.reverse_etl.helpers import crm_state

ITEMS = [
    "Company",
    "Title",
    "Industry",
    "Past behavior",
    "Inquiry",
    "Issue / need",
    "Timeline / budget",
    "Nurture history",
]


def _email_key(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "").lower()


def _crm_leads(generated) -> dict[str, dict]:
    with (generated / "crm" / "leads.jsonl").open(encoding="utf-8") as handle:
        return {record["id"]: record for record in map(json.loads, handle)}


def _email_counts(generated) -> dict[tuple[str, str], int]:
    """(e-mail, event) -> distinct SendGrid events up to the scoring time, from the files."""
    until = datetime.fromisoformat(AS_OF).replace(tzinfo=UTC).timestamp()
    seen: dict[tuple[str, str], set] = {}
    for path in sorted((generated / "email").glob("*.json")):
        for event in json.loads(path.read_text(encoding="utf-8")):
            if not isinstance(event, dict) or not isinstance(event.get("timestamp"), int):
                continue
            if event["timestamp"] <= until and event.get("event") in ("open", "click"):
                key = (_email_key(event.get("email")), event["event"])
                seen.setdefault(key, set()).add(event.get("sg_event_id"))
    return {key: len(ids) for key, ids in seen.items()}


def _text(value) -> str:
    return str(value).strip() if value not in (None, "") else "unknown"


def test_each_follow_up_task_carries_every_item_of_the_package(english_run):
    leads = _crm_leads(english_run.generated)
    counts = _email_counts(english_run.generated)
    _, tasks = crm_state(english_run.sandbox)
    assert tasks, "the small data set has hand-offs"
    for lead_id, _subject, _due, _owner, description, _status in tasks:
        lead = leads[lead_id]
        lines = description.splitlines()
        package = lines[lines.index("Hand-off package:") + 1 :]
        assert [line.split(":", 1)[0] for line in package[: len(ITEMS)]] == [
            f"- {item}" for item in ITEMS
        ]
        item = dict(line[2:].split(": ", 1) for line in package[: len(ITEMS)])
        assert item["Company"] == _text(lead["Company"])
        assert item["Title"] == _text(lead["Designation"])
        assert item["Industry"] == _text(lead["Industry"])
        assert item["Issue / need"] == _text(
            lead["Pain_Documented"] or lead["MEDDIC_Identified_Pain"]
        )
        assert item["Timeline / budget"].startswith(f"timeline {_text(lead['Purchase_Timeline'])} ")
        assert re.fullmatch(
            r"price list \d+x, catalog \d+x, \d+ downloads in all", item["Past behavior"]
        )
        assert item["Inquiry"].endswith("what it said: unknown")  # no form text in web events
        email = _email_key(lead["Email"])
        opened, clicked = counts.get((email, "open"), 0), counts.get((email, "click"), 0)
        assert item["Nurture history"].startswith(f"e-mails opened {opened}, clicked {clicked};")


def test_the_package_says_unknown_for_everything_the_data_lacks():
    items = dict(package_items({}, "en"))
    assert items["Company"] == items["Title"] == items["Industry"] == "unknown"
    assert items["Issue / need"] == "unknown"
    assert items["Timeline / budget"] == (
        "timeline unknown (confirmed: unknown); budget unknown, unknown"
    )
    assert items["Past behavior"] == "price list 0x, catalog 0x, 0 downloads in all"
    ja = dict(
        package_items({"estimated_budget_jpy": 50_000_000, "is_budget_approved": False}, "ja")
    )
    assert ja["会社名"] == "不明"
    assert ja["導入時期・予算"] == "導入時期 不明（確認済み: 不明）、予算 ¥50,000,000、未承認"


def test_the_reports_handoff_table_shows_the_package(english_run):
    html = (english_run.reports / "latest.html").read_text(encoding="utf-8")
    table = html[html.index('<table class="data handoffs">') :]
    table = table[: table.index("</table>")]
    rows = table.split("<tr>")[2:]  # after the header row
    assert rows
    for row in rows:
        assert all(f"{item}: " in row for item in ITEMS), row
