"""The generator's data as import files: every lead and event lands, none is quarantined, and
the hidden outcome travels with each lead."""

import csv
from datetime import date

from lead_scoring.generator import generate
from lead_scoring.generator.import_files import write_import_files
from tests.imports.conftest import query, run_import


def test_generated_files_import_whole_with_their_outcome(workspace):
    generate(workspace / "gen", leads=120, days=7, seed=5, end_date=date(2026, 11, 20),
             progress=False)  # fmt: skip
    files = workspace / "files"
    counts = write_import_files(workspace / "gen", files)
    (workspace / "lead_mapping.csv").write_text((files / "lead_mapping.csv").read_text())

    run_import(workspace, "leads", files / "leads.csv")
    run_import(workspace, "activities", files / "activities.csv")

    crm_leads = len((workspace / "gen/crm/leads.jsonl").read_text().splitlines())
    with (workspace / "gen/truth/leads.csv").open() as f:
        converted = sum(row["converted"] == "true" for row in csv.DictReader(f))
    landed = query(
        workspace,
        "select (select count(*) from raw.import_leads), "
        "(select count(*) filter (where fields->>'$.Converted' = 'true') from raw.import_leads), "
        "(select count(*) from raw.import_activities), (select count(*) from raw._quarantine), "
        "(select max((properties->>'$.Seconds')::int) from raw.import_activities)",
    )[0]
    assert landed[:4] == (crm_leads, converted, counts["activities.csv"], 0)
    assert counts["leads.csv"] == crm_leads
    assert 0 < landed[4] < 1800  # time on page ends with the visit
