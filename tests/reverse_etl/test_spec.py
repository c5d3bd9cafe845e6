"""Every request a sync sends, as the sandbox recorded it, against Zoho's official v8 specs."""

import json

from lead_scoring.crm import CrmError, ZohoCrmClient
from tests.crm.oas import Spec, assert_valid, spec
from tests.reverse_etl.helpers import calls, sync, update_payload

RECORDS = "/crm/v8/{module_api_name}"
ADD_TAGS = "/crm/v8/{module_api_name}/actions/add_tags"
real_create = ZohoCrmClient.create_records


def _tag_request_relaxed(name: str, document: dict) -> None:
    """tags.json requires every Tag property (id, created_time...) even in the add_tags
    request, which no caller can know for a new tag; Zoho's docs send only name."""
    if name == "tags.json":
        document["components"]["schemas"]["Tag"]["required"] = ["name"]


def _query_problems(path: str, method: str, query: dict) -> list[str]:
    """Query parameters the operation does not declare, or of the wrong type."""
    document = json.loads((spec().folder / "record.json").read_text())
    declared = {}
    for parameter in document["paths"][path][method]["parameters"]:
        name = parameter["$ref"].rsplit("/", 1)[-1]
        definition = document["components"]["parameters"][name]
        if definition["in"] == "query":
            declared[definition["name"]] = definition["schema"]["type"]
    problems = [name for name in query if name not in declared]
    problems += [n for n, v in query.items() if declared.get(n) == "integer" and not v.isdigit()]
    return problems


def test_every_request_of_a_sync_matches_the_v8_specs(sandbox, warehouse, monkeypatch):
    def answered_500_after_applying(self, module, records, **kwargs):
        real_create(self, module, records, **kwargs)
        raise CrmError("POST /crm/v8/Tasks answered HTTP 500", status=500)

    update_payload(warehouse, "set lead_tier = 'Tepid' where lead_id like '%7'")  # refusals
    monkeypatch.setattr(ZohoCrmClient, "create_records", answered_500_after_applying)
    sync(warehouse, sandbox, "run-1")  # updates, tags, a task create and a Tasks lookup

    validators = {
        ("PUT", RECORDS): spec().request("record.json", RECORDS, "put"),
        ("POST", RECORDS): spec().request("record.json", RECORDS, "post"),
        ("POST", ADD_TAGS): Spec(patch=_tag_request_relaxed).request("tags.json", ADD_TAGS, "post"),
    }
    seen = set()
    for entry in calls(sandbox):
        operation = entry["path"].replace("/Leads", "/{module_api_name}")
        operation = operation.replace("/Tasks", "/{module_api_name}")
        seen.add((entry["method"], operation))
        if entry["method"] == "GET":
            assert _query_problems(operation, "get", entry["query"]) == [], entry["query"]
        else:
            assert_valid(validators[(entry["method"], operation)], entry["body"])
    assert seen == {*validators, ("GET", RECORDS)}
