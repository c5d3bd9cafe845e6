"""Case 9 of issue 11: a lead's Priority tag and follow-up task are sent only once the CRM has
accepted its score; while the score write is refused, they wait (and are sent later, once)."""

from collections import Counter

from tests.crm.helpers import configure, lead
from tests.reverse_etl.conftest import LEADS
from tests.reverse_etl.helpers import calls, crm_state, sync

HOT = [lead(n)["id"] for n in range(0, LEADS, 5)]


def test_no_tag_or_task_while_the_score_write_is_refused(sandbox, warehouse):
    configure(sandbox, poison_text="Lead_Score")  # every score upsert refused (400), nothing else

    refused = sync(warehouse, sandbox, "run-1")

    assert refused["accepted"] == 0 and refused["failed_batches"] > 0
    assert calls(sandbox, "POST", "/add_tags") == [] and calls(sandbox, "POST", "/Tasks") == []
    leads, tasks = crm_state(sandbox)
    assert not any(record["tags"] for record in leads.values()) and not tasks

    configure(sandbox, poison_text=None)
    accepted = sync(warehouse, sandbox, "run-2")

    leads, tasks = crm_state(sandbox)
    assert accepted["accepted"] == LEADS
    assert {i for i, record in leads.items() if record["tags"]} == set(HOT)
    assert Counter(what_id for what_id, *_ in tasks.elements()) == Counter(HOT)
