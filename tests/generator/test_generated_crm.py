"""crm/leads.jsonl and crm/calls.jsonl follow docs/architecture.md and the raw table contract."""

import re
from datetime import datetime

from lead_scoring.generator import vocab
from lead_scoring.ingest.raw_tables import CRM_CALL_COLUMNS, CRM_LEAD_COLUMNS

ZOHO_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00$")
ZOHO_ID = re.compile(r"^\d{19}$")
LOOKUPS = {"Owner": ("id", "name", "email"), "What_Id": ("id", "name")}


def _raw_columns(record: dict) -> set[str]:
    """Record keys as raw column names: lower snake case, lookups split into <field>_<key>."""
    names = set()
    for key, value in record.items():
        base = key.lstrip("$").lower()
        if key in LOOKUPS:
            assert set(value) == set(LOOKUPS[key]), key
            names |= {f"{base}_{part}" for part in value}
        else:
            names.add(base)
    return names


def test_every_lead_has_exactly_the_contract_fields(leads):
    assert len(leads) == 1_000
    for lead in leads:
        assert _raw_columns(lead) == set(CRM_LEAD_COLUMNS)


def test_every_call_has_exactly_the_contract_fields(dataset):
    calls = dataset.calls()
    assert calls
    for call in calls:
        assert _raw_columns(call) == set(CRM_CALL_COLUMNS)


def test_lead_values_have_zoho_shapes(leads):
    for lead in leads:
        assert ZOHO_ID.match(lead["id"]) and ZOHO_ID.match(lead["Owner"]["id"])
        assert ZOHO_TIME.match(lead["Created_Time"]) and ZOHO_TIME.match(lead["Modified_Time"])
        assert _time(lead["Modified_Time"]) >= _time(lead["Created_Time"])
        employees = lead["No_of_Employees"]
        assert employees is None or (isinstance(employees, int) and employees > 0)
        assert isinstance(lead["Decision_Maker"], bool)
        assert isinstance(lead["Company_Growth_Rate"], float | int | None)
        assert lead["Estimated_Budget"] is None or lead["Estimated_Budget"] > 0
        assert lead["Country"] == "Japan"
        assert lead["State"] in {name for name, _ in vocab.PREFECTURES} | {None}
        assert lead["Industry"] in (*vocab.INDUSTRIES, None)
        assert lead["Lead_Source"] in vocab.LEAD_SOURCES
        assert lead["Purchase_Timeline"] in (*vocab.PURCHASE_TIMELINES, None)
        assert lead["Sales_Disposition"] in ("Accepted", "Rejected", "Recycled", None)
        assert lead["Deal_Outcome"] in ("Won", "Lost", None)
        assert lead["Lead_Score"] is None  # written back by the pipeline, not generated
    assert len({lead["id"] for lead in leads}) == len(leads)
    assert len({lead["Owner"]["id"] for lead in leads}) == len(vocab.SALES_REPS)


def test_titles_mix_english_and_japanese(leads):
    titles = {lead["Designation"] for lead in leads}
    assert {"CEO", "部長", "購買部長", "Engineer", "担当者"} <= titles


def test_calls_point_at_leads_and_look_like_zoho(dataset, leads):
    ids = {lead["id"] for lead in leads}
    for call in dataset.calls():
        assert ZOHO_ID.match(call["id"]) and call["What_Id"]["id"] in ids
        assert call["$se_module"] == "Leads" and call["Call_Type"] in ("Outbound", "Inbound")
        assert re.match(r"^\d\d:\d\d$", call["Call_Duration"])
        assert ZOHO_TIME.match(call["Call_Start_Time"])
        assert _time(call["Created_Time"]) >= _time(call["Call_Start_Time"])
        assert _time(call["Modified_Time"]) >= _time(call["Created_Time"])


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_crm_profiles_are_partly_unknown_and_answers_come_with_intent(leads, dataset):
    """Forms and enrichment leave gaps; buyers answer the budget question more often."""
    truth = {row["lead_id"]: float(row["true_intent"]) for row in dataset.truth()}
    for field in ("Designation", "Industry", "State", "No_of_Employees", "Company_Growth_Rate"):
        share_known = sum(lead[field] is not None for lead in leads) / len(leads)
        assert 0.2 < share_known < 0.95, field
    answered = [truth[lead["id"]] for lead in leads if lead["Estimated_Budget"] is not None]
    blank = [truth[lead["id"]] for lead in leads if lead["Estimated_Budget"] is None]
    assert sum(answered) / len(answered) > sum(blank) / len(blank) + 0.05
