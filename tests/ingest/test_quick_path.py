"""The quick path changes nothing but the time: every record of every bad-input case, and records
shaped to sit on its edges, land exactly as they do when every record takes the detailed path
(the oracle: the same load with the quick path turned off). And it does take the plainly good
records, hand-counted, so the comparison is not empty."""

import json

import pytest

from lead_scoring.ingest import quick_path
from lead_scoring.ingest.crm_records import CRM_CONTRACTS, load_crm_pages
from lead_scoring.ingest.landing_files import EMAIL_EVENTS, WEB_EVENTS, load_landing_files
from lead_scoring.ingest.records import start_records
from tests.ingest import test_bad_crm_pages, test_bad_email_files, test_bad_web_lines
from tests.ingest.bad_inputs import WEB_DAY, warehouse
from tests.ingest.test_bad_web_lines import _page
from tests.ingest.test_crm_records import _lead

T = "2026-11-20T10:00:00+09:00"

# (record, plainly good?) on the quick path's edges
WEB_EDGES = [
    (_page("e01"), True),
    (_page("e02", name="{not an object, a name}"), False),  # text that starts with a brace
    (_page("e03", name="[Draft] Pricing"), False),
    (_page("e04", name={"an": "object"}), False),
    (_page("e05", name=["a", "list"]), False),
    (_page("e06", messageId=12345), True),  # an id sent as a number keeps its text
    (_page("e07", name=1.50), True),
    (_page("e08", name=True), True),
    (_page("e09", type=5), False),  # a number for a picklist: the detailed path decides
    (_page("e10", name=None, userId="u-1"), True),
    (_page("e11", experimentId="x-7"), True),  # a field outside the contract: in _extra
    (_page("e12", name="caf\u00e9 \u2014 \\u00e9 \n"), True),
    (_page("e13", properties=None), True),
    (_page("e14", properties=[1, 2]), False),
    (_page("e15", timestamp=1763632800), False),
    (_page("e16", anonymousId=None, userId=None), False),
    (_page("e17", userId=99999999999999999999999), True),
    ({}, False),
    ({"unknownOnly": 1}, False),
]

EMAIL_EDGES = [
    (test_bad_email_files._event("s01"), True),
    (test_bad_email_files._event("s02", category="newsletter"), True),
    (test_bad_email_files._event("s03", category=7), False),
    (test_bad_email_files._event("s04", email=12345), False),
    (test_bad_email_files._event("s05", email="{a@b.co}"), False),
    (test_bad_email_files._event("s06", timestamp="1763632800"), False),
    (test_bad_email_files._event("s07", asm_group_id=12, marketing_campaign_id=3.5), True),
    (test_bad_email_files._event("s09", asm_group_id=12.5), False),
    (test_bad_email_files._event("s08", useragent={"ua": 1}), False),
]

CRM_EDGES = [
    (_lead("c01", T), True),
    (_lead("c02", T, Owner=None), True),
    (_lead("c03", T, Owner={}), True),
    (_lead("c04", T, No_of_Employees=18446744073709551615), True),
    (_lead("c05", T, Company="{Acme}"), False),
    (_lead("c06", T, Estimated_Budget="1000"), False),
    (_lead("c07", 1763632800), False),
]


def _web_records() -> list:
    cases = list(test_bad_web_lines.CASES.values())
    return [record for case in cases for record in case.records] + [r for r, _ in WEB_EDGES]


def _email_records() -> list:
    cases = test_bad_email_files.ELEMENT_CASES.values()
    return [record for case in cases for record in case.records] + [r for r, _ in EMAIL_EDGES]


def _crm_records() -> list:
    cases = test_bad_crm_pages.CASES.values()
    named = [
        test_bad_crm_pages._namespaced(index, record)
        for index, case in enumerate(cases)
        for record in case.records
    ]
    return named + [r for r, _ in CRM_EDGES]


def _land(source: str, records: list, folder) -> tuple:
    """A fresh warehouse's load of `records` (written to `folder` first, for files)."""
    with warehouse() as con:
        if source == "crm_leads":
            result = load_crm_pages(con, "crm_leads", [("Leads page 1", records)], "load-1")
        else:
            _write(source, records, folder)
            load = WEB_EVENTS if source == "web_events" else EMAIL_EVENTS
            result = load_landing_files(con, load, folder, "load-1")
        raw = con.execute(
            f"select * exclude (_loaded_at, _source) from raw.{source} order by all"
        ).fetchall()
        bad = con.execute(
            "select * exclude (_loaded_at) from raw._quarantine order by all"
        ).fetchall()
    return raw, bad, vars(result)


def _write(source: str, records: list, folder) -> None:
    if source == "email_events":
        (folder / "batch.json").write_text(json.dumps(records))
        return
    lines = [r if isinstance(r, bytes) else json.dumps(r).encode() for r in records]
    (folder / f"{WEB_DAY}.jsonl").write_bytes(b"".join(line + b"\n" for line in lines))


SOURCES = {"web_events": _web_records, "email_events": _email_records, "crm_leads": _crm_records}


@pytest.mark.parametrize("source", SOURCES)
def test_every_record_lands_as_the_detailed_path_lands_it(source, tmp_path, monkeypatch):
    records = SOURCES[source]()
    quick = _land(source, records, tmp_path)
    monkeypatch.setattr(quick_path, "_ok", lambda contract: "false")
    detailed = _land(source, records, tmp_path)
    assert quick == detailed
    assert quick[0] and quick[1]  # both raw rows and quarantined rows to compare


def _plainly_good(contract, records: list) -> list[bool]:
    with warehouse() as con:
        start_records(con)
        con.executemany(
            "insert into _ingest_records values ('edges', ?, ?, null)",
            [(n, json.dumps(r)) for n, r in enumerate(records, start=1)],
        )
        con.execute(f"create temp table _ingest_quick as {quick_path.quick_sql(contract, 10**6)}")
        return [
            row[0]
            for row in con.execute("select ok from _ingest_quick order by position").fetchall()
        ]


@pytest.mark.parametrize(
    ("contract", "edges"),
    [
        (WEB_EVENTS.contract, WEB_EDGES),
        (EMAIL_EVENTS.contract, EMAIL_EDGES),
        (CRM_CONTRACTS["crm_leads"], CRM_EDGES),
    ],
    ids=["web", "email", "crm"],
)
def test_the_quick_path_takes_exactly_the_plainly_good_records(contract, edges):
    assert _plainly_good(contract, [r for r, _ in edges]) == [good for _, good in edges]
