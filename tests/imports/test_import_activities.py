"""`lead-scoring import activities` on JSON lines with bad rows, counted by hand."""

import json

from tests.imports.conftest import query, run_import

GOOD = {"Event Id": "e1", "Account": "A-1", "Activity": "Page Visited", "When": "2026-01-02"}
LINES = [
    json.dumps(GOOD | {"Seconds": 120}),  # 1 good
    json.dumps({**GOOD, "Event Id": "e2", "Seconds": "95.5"}),  # 2 good: a number sent as text
    json.dumps({**GOOD, "Event Id": "e3", "Account": ""}),  # 3 no lead reference
    json.dumps({**GOOD, "Event Id": "e4", "Seconds": "long"}),  # 4 bad number
    json.dumps({**GOOD, "Event Id": "e5", "When": "yesterday"}),  # 5 bad date
    json.dumps(GOOD | {"Seconds": 121}),  # 6 e1 again with other content
    json.dumps({**GOOD, "Event Id": "e7", "Browser": "Firefox"}),  # 7 a key not in the mapping
    '{"Event Id": "e8", ',  # 8 not JSON
    json.dumps(GOOD | {"Seconds": 120}),  # 9 same as row 1: skipped
]


def test_activity_lines_land_or_are_quarantined_by_hand_count(workspace):
    path = workspace / "activities.jsonl"
    path.write_text("\n".join(LINES) + "\n")

    assert run_import(workspace, "activities", path) == 0

    assert query(workspace, "select records_read, rows_inserted, rows_skipped from raw._loads") == [
        (9, 2, 1)
    ]
    landed = query(
        workspace,
        "select activity_id, lead_ref, lead_ref_type, activity, occurred_at, properties "
        "from raw.import_activities order by 1",
    )
    assert landed == [
        ("e1", "A-1", "external_id", "Page Visited", "2026-01-02T00:00:00Z", '{"Seconds":120}'),
        ("e2", "A-1", "external_id", "Page Visited", "2026-01-02T00:00:00Z", '{"Seconds":95.5}'),
    ]
    reasons = query(workspace, "select position, reason from raw._quarantine order by 1")
    assert [p for p, _ in reasons] == [3, 4, 5, 6, 7, 8]
    assert reasons[0][1] == 'activities.jsonl row 3, column "Account": the lead_ref is empty'
    assert reasons[1][1] == 'activities.jsonl row 4, column "Seconds": "long" is not a number'
    assert reasons[2][1].startswith('activities.jsonl row 5, column "When": "yesterday" is not')
    assert reasons[3][1] == 'activities.jsonl row 6: id "e1" repeats row 1 with other content'
    assert reasons[4][1] == (
        'activities.jsonl row 7: column(s) "Browser" not declared in the mapping'
    )
    assert reasons[5][1].startswith("activities.jsonl row 8: not valid JSON")

    assert run_import(workspace, "activities", path, again=True) == 0  # read it again anyway
    assert query(workspace, "select count(*) from raw.import_activities") == [(2,)]


def test_without_an_id_column_a_row_is_identified_by_its_content(workspace):
    mapping = workspace / "lead_mapping.csv"
    mapping.write_text(mapping.read_text().replace("activities,id,Event Id,,\n", ""))
    row = {"Account": "A-1", "Activity": "Webinar", "When": "2026-01-02T09:00:00Z"}
    path = workspace / "activities.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [row, row, row | {"When": "2026-01-03"}]))

    run_import(workspace, "activities", path)

    ids = query(workspace, "select activity_id from raw.import_activities")
    assert len(ids) == 2 and all(i[0].startswith("h") and len(i[0]) == 33 for i in ids)
