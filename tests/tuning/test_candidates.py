"""Candidate criteria come from the leads' own fields, never from what a rep records while
working a lead (it is filled on exactly the leads that can have an outcome)."""

import duckdb

from lead_scoring.tuning.candidates import candidate_rules


def test_fields_a_rep_records_are_never_candidates(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    industries = ["IT", "Retail"] * 20  # 20 leads each
    worked = ["Proposal requested", None, None, None] * 10  # 10 leads a rep worked
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema intermediate")
        con.execute(
            "create table intermediate.int_leads (lead_id varchar, industry varchar,"
            " next_step varchar, issue_clarity varchar, meddic_champion varchar)"
        )
        for i, (industry, step) in enumerate(zip(industries, worked, strict=True)):
            con.execute(
                "insert into intermediate.int_leads values (?, ?, ?, ?, ?)",
                [f"L{i}", industry, step, step and "Concrete", step and "Yes"],
            )
        con.execute(
            "create table intermediate.int_lead_activities"
            " (activity_type varchar, person_key varchar)"
        )
    attribute, behavior = candidate_rules(warehouse, min_leads=5, excluded=set())
    assert sorted(row["rule_id"] for row in attribute) == [
        "cand_industry_it",
        "cand_industry_retail",
    ]
    assert behavior == []
