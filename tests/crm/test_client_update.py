"""Updating by id (`PUT /crm/v8/{module}`) with an explicit `trigger`, as Zoho documents."""

from lead_scoring.crm.settings import ZohoSettings
from tests.crm.helpers import api, lead, logged
from tests.crm.oas import assert_valid, spec

RECORDS = "/crm/v8/{module_api_name}"


def test_update_by_id_sends_put_with_no_trigger_by_default(sandbox, make_client):
    results = make_client(sandbox).update("Leads", [{"id": lead(1)["id"], "Lead_Score": 71}])
    assert [(r.ok, r.action, r.id) for r in results] == [(True, "update", lead(1)["id"])]
    (entry,) = logged(sandbox)
    assert (entry["method"], entry["path"]) == ("PUT", "/crm/v8/Leads")
    assert entry["body"]["trigger"] == []  # Zoho runs every automation when trigger is absent
    assert_valid(spec().request("record.json", RECORDS, "put"), entry["body"])
    assert_valid(spec().response("record.json", RECORDS, "put"), entry["response"])
    assert "duplicate_field" not in entry["response"]["data"][0]


def test_configured_triggers_are_sent_on_every_write(sandbox, make_client):
    client = make_client(sandbox, write_triggers=("workflow",))
    client.update("Leads", [{"id": lead(1)["id"], "Lead_Score": 1}])
    client.upsert("Leads", [{"Email": lead(2)["Email"], "Lead_Score": 2}])
    client.update("Leads", [{"id": lead(3)["id"], "Lead_Score": 3}], trigger=["blueprint"])
    assert [e["body"]["trigger"] for e in logged(sandbox)] == [
        ["workflow"],
        ["workflow"],
        ["blueprint"],
    ]


def test_update_bumps_modified_time_and_names_the_integration_user(sandbox, make_client):
    make_client(sandbox).update("Leads", [{"id": lead(1)["id"], "Lead_Tier": "Hot"}])
    fields = {"fields": "Modified_Time,Modified_By,Lead_Tier", "ids": lead(1)["id"]}
    (after,) = api(sandbox, "GET", "Leads", params=fields).json()["data"]
    assert after["Modified_Time"] > lead(1)["Modified_Time"]  # Zoho echoes our write
    assert after["Lead_Tier"] == "Hot" and after["Modified_By"]["id"]


def test_update_without_id_is_refused_per_record(sandbox, make_client):
    results = make_client(sandbox).update(
        "Leads", [{"Email": lead(1)["Email"]}, {"id": lead(2)["id"], "Lead_Score": 5}]
    )
    assert [(r.ok, r.code) for r in results] == [(False, "MANDATORY_NOT_FOUND"), (True, "SUCCESS")]
    assert results[0].details["api_name"] == "id"


def test_write_triggers_from_env_are_checked():
    assert ZohoSettings.from_env({}).write_triggers == ()
    env = {"LEAD_SCORING_CRM_WRITE_TRIGGERS": "Workflow, blueprint"}
    assert ZohoSettings.from_env(env).write_triggers == ("workflow", "blueprint")
    try:
        ZohoSettings.from_env({"LEAD_SCORING_CRM_WRITE_TRIGGERS": "workflows"})
    except ValueError as err:
        assert (
            "LEAD_SCORING_CRM_WRITE_TRIGGERS='workflows' is not usable: workflows is not a Zoho "
            "trigger" in str(err)
        )
    else:
        raise AssertionError("an unknown trigger must be refused")
