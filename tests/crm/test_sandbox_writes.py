"""Upsert, create and add_tags on the sandbox: per-record answers like Zoho's."""

from tests.crm.helpers import api, lead


def _upsert(server, records, **body):
    return api(server, "POST", "Leads/upsert", json={"data": records, **body})


def _lead_now(server, number_or_id, fields="Email,Lead_Score,Lead_Tier,Modified_Time,Tag"):
    record_id = number_or_id if isinstance(number_or_id, str) else lead(number_or_id)["id"]
    response = api(server, "GET", "Leads", params={"fields": fields, "ids": record_id})
    return response.json()["data"][0]


def test_upsert_inserts_a_new_lead(sandbox):
    response = _upsert(sandbox, [{"Last_Name": "Sato", "Email": "sato@example.jp"}])
    (answer,) = response.json()["data"]
    assert response.status_code == 200
    assert (answer["code"], answer["action"], answer["message"]) == (
        "SUCCESS",
        "insert",
        "record added",
    )
    assert len(answer["details"]["id"]) == 19
    assert _lead_now(sandbox, answer["details"]["id"])["Email"] == "sato@example.jp"


def test_upsert_updates_by_id_and_sets_modified_time(sandbox):
    before = _lead_now(sandbox, 1)
    (answer,) = _upsert(sandbox, [{"id": lead(1)["id"], "Lead_Score": 42}]).json()["data"]
    assert answer["action"] == "update"
    assert "duplicate_field" not in answer  # "id" is no duplicate-check field: Zoho never names it
    after = _lead_now(sandbox, 1)
    assert after["Lead_Score"] == 42
    assert after["Modified_Time"] > before["Modified_Time"]
    assert after["Modified_Time"] == answer["details"]["Modified_Time"]


def test_upsert_matches_on_email_by_default_ignoring_case_and_spaces(sandbox):
    record = {"Email": "  " + lead(2)["Email"].upper(), "Lead_Tier": "Warm"}
    (answer,) = _upsert(sandbox, [record]).json()["data"]
    assert (answer["action"], answer["duplicate_field"]) == ("update", "Email")
    assert answer["details"]["id"] == lead(2)["id"]
    assert _lead_now(sandbox, 2)["Lead_Tier"] == "Warm"


def test_invalid_values_are_refused_per_record(sandbox):
    records = [
        {"id": lead(1)["id"], "Lead_Score": "high"},
        {"id": lead(2)["id"], "Lead_Score": 7.5},
        {"id": lead(3)["id"], "Lead_Tier": "Lukewarm"},
        {"id": lead(4)["id"], "Lead_Score": 80},
    ]
    response = _upsert(sandbox, records)
    answers = response.json()["data"]
    assert response.status_code == 207
    assert [a["status"] for a in answers] == ["error", "error", "error", "success"]
    assert answers[0]["details"] == {
        "api_name": "Lead_Score",
        "json_path": "$.data[0].Lead_Score",
        "expected_data_type": "integer",
    }
    assert answers[2]["details"]["expected_data_type"] == "picklist"
    assert _lead_now(sandbox, 1)["Lead_Score"] is None  # a refused record changes nothing


def test_last_name_is_mandatory_on_insert(sandbox):
    response = _upsert(sandbox, [{"Email": "new@example.jp"}])
    assert response.status_code == 400  # every record failed
    (answer,) = response.json()["data"]
    assert answer["code"] == "MANDATORY_NOT_FOUND"
    assert answer["details"]["api_name"] == "Last_Name"


def test_an_email_owned_by_another_lead_is_duplicate_data(sandbox):
    (answer,) = _upsert(sandbox, [{"id": lead(1)["id"], "Email": lead(2)["Email"]}]).json()["data"]
    assert answer["code"] == "DUPLICATE_DATA"
    assert answer["details"]["duplicate_record"]["id"] == lead(2)["id"]


def test_more_than_100_records_are_refused_whole(sandbox):
    records = [{"Last_Name": f"N{i}", "Email": f"n{i}@example.jp"} for i in range(101)]
    response = _upsert(sandbox, records)
    assert response.status_code == 400
    assert response.json()["code"] == "LIMIT_EXCEEDED"
    assert len(api(sandbox, "GET", "Leads", params={"fields": "Email"}).json()["data"]) == 5


def test_tasks_link_to_their_lead(sandbox):
    task = {"Subject": "Call back", "Due_Date": "2026-11-21", "What_Id": {"id": lead(1)["id"]}}
    response = api(sandbox, "POST", "Tasks", json={"data": [{**task, "$se_module": "Leads"}]})
    assert response.status_code == 201
    assert "action" not in response.json()["data"][0]
    listed = api(sandbox, "GET", "Tasks", params={"fields": "Subject,What_Id,$se_module,Owner"})
    (stored,) = listed.json()["data"]
    assert stored["What_Id"] == {"id": lead(1)["id"], "name": "Lead 1"}
    assert stored["Owner"]["id"]


def test_task_lookups_are_checked(sandbox):
    no_module = {"Subject": "x", "What_Id": {"id": lead(1)["id"]}}
    unknown = {"Subject": "x", "What_Id": {"id": "1"}, "$se_module": "Leads"}
    answers = api(sandbox, "POST", "Tasks", json={"data": [no_module, unknown]}).json()["data"]
    assert [a["code"] for a in answers] == ["MANDATORY_NOT_FOUND", "INVALID_DATA"]


def test_tags_show_on_the_lead_and_over_write_replaces_them(sandbox):
    def tag(names, over_write=False):
        body = {"tags": [{"name": n} for n in names], "ids": [lead(1)["id"]]}
        return api(
            sandbox, "POST", "Leads/actions/add_tags", json={**body, "over_write": over_write}
        )

    assert tag(["Priority"]).json()["data"][0]["details"]["tags"][0]["name"] == "Priority"
    tag(["Webinar"])
    assert [t["name"] for t in _lead_now(sandbox, 1)["Tag"]] == ["Priority", "Webinar"]
    tag(["Webinar"], over_write=True)
    assert [t["name"] for t in _lead_now(sandbox, 1)["Tag"]] == ["Webinar"]
