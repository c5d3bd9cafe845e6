"""Qualification on the hand-written sample rows (the shared build of conftest.py), criteria
that are data (a seed change moves a lead's stage; a malformed row stops the build naming
it), and every default criterion pinned by a dbt unit test."""

import csv
import shutil

import yaml

from .conftest import SCORE_AS_OF
from .dbt_helpers import PROJECT, copy_project, edit_seed, query, run_dbt, vars_arg
from .dbt_sample_rows import EXPECTED

NO_UNIT_TESTS = ["--exclude-resource-type", "unit_test"]
STAGES = "select lead_id, lifecycle_stage from marts.lead_qualification"
NOT_READY = "Decision maker involved; Purchase planned within 3 months; Total score 70+"


def test_every_lead_gets_a_stage_and_one_history_row(built):
    warehouse, result = built
    assert result.returncode == 0, result.stdout[-4000:]
    assert query(
        warehouse, "select count(*), count(lifecycle_stage) from marts.lead_qualification"
    ) == [(len(EXPECTED), len(EXPECTED))]
    assert query(
        warehouse, "select count(*), count(distinct lead_id) from marts.lead_score_history"
    ) == [(len(EXPECTED), len(EXPECTED))]


def test_the_lessons_examples_are_qualified_by_the_default_criteria(built):
    warehouse, _ = built
    rows = query(
        warehouse,
        """
        select lead_id, lifecycle_stage, handoff_unmet_criteria, sla_status
        from marts.lead_qualification where lead_id in ('1001', '1002', '1003', '1007')
        order by lead_id
    """,
    )
    assert rows == [
        # Hot 70, department head, but no purchase timeline: an MQL, not sales-ready
        ("1001", "mql", "Purchase planned within 3 months", None),
        # Warm 30: fit 15 and interest make an MQL
        ("1002", "mql", NOT_READY, None),
        # Cold 20
        ("1003", "lead", "Total score 30+; " + NOT_READY, None),
        # a perfect fit (120) without any engagement is no MQL
        ("1007", "lead", "Shows interest (a behavior rule with points)", None),
    ]  # fmt: skip


def test_changing_a_criterion_in_the_seed_changes_the_stage(tmp_path, built):
    warehouse, first = built
    assert first.returncode == 0
    project = copy_project(tmp_path / "project")
    row = "mql_total_score,mql,total_score,total_score,>=,{},"
    edit_seed(project, "qualification_criteria", row.format(30), row.format(20))
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(warehouse, copy)
    only_qualification = ["--select", "qualification_criteria+", *vars_arg(SCORE_AS_OF)]
    result = run_dbt(["build", *NO_UNIT_TESTS, *only_qualification], copy, tmp_path, project)
    assert result.returncode == 0, result.stdout[-4000:]
    before, after = dict(query(warehouse, STAGES)), dict(query(copy, STAGES))
    assert {lead for lead in before if before[lead] != after[lead]} == {"1003"}
    assert after["1003"] == "mql"


def _build_criteria_with(tmp_path, old: str, new: str):
    """Build the criteria model of a project copy whose qualification_criteria seed has `old`
    replaced by `new`; the dbt result."""
    project = copy_project(tmp_path / "project")
    edit_seed(project, "qualification_criteria", old, new)
    return run_dbt(
        ["build", *NO_UNIT_TESTS, "--select", "+int_qualification_criteria"],
        tmp_path / "warehouse.duckdb",
        tmp_path,
        project,
    )


def test_a_malformed_criterion_stops_the_build_naming_the_row(tmp_path):
    row = "ready_total_score,sales_ready,total_score,total_score,{},70,"
    result = _build_criteria_with(tmp_path, row.format(">="), row.format("in"))
    assert result.returncode != 0
    assert (
        "Invalid qualification criterion in seed qualification_criteria, row "
        'criterion_id="ready_total_score": operator in does not apply to measure "total_score" '
        "(a score measure)"
    ) in result.stdout


def test_more_than_62_criteria_in_one_list_stops_the_build(tmp_path):
    # a lead's unmet hand-off or SQL criteria are kept as the bits of one bigint
    last = "The SQL checklist met (9 of 9)\n"
    extra = "".join(f"sql_extra_{n},sql,,total_score,>=,{n},Total score {n}+\n" for n in range(70))
    result = _build_criteria_with(tmp_path, last, last + extra)
    assert result.returncode != 0
    assert "Invalid qualification criterion in seed qualification_criteria" in result.stdout
    assert "the sql criteria are more than 62" in result.stdout


def test_a_bant_item_without_criteria_stops_the_build(tmp_path):
    bant_need = "bant_need,bant,need,pain_documented,not_empty,,Need (pain) documented\n"
    result = _build_criteria_with(tmp_path, bant_need, "")
    assert result.returncode != 0
    assert "Invalid qualification criterion in seed qualification_criteria" in result.stdout
    assert "bant item need has no criterion" in result.stdout


def _criteria() -> list[dict]:
    with (PROJECT / "seeds" / "qualification_criteria.csv").open(encoding="utf-8") as seed:
        return list(csv.DictReader(seed))


def _expected_rows(model: str) -> list[dict]:
    rows = []
    for path in (PROJECT / "models").rglob("*.yml"):
        for test in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("unit_tests", []):
            if test["model"] == model:
                rows += test["expect"].get("rows", [])
    return rows


def test_every_default_criterion_is_pinned_by_a_unit_test():
    rows = _expected_rows("int_lead_qualification_checks")
    unmet = " ; ".join(
        f"{r.get('handoff_unmet_criteria')}; {r.get('sql_unmet_criteria')}" for r in rows
    )
    for criterion in _criteria():
        checklist = criterion["checklist"]
        if checklist in ("mql_checklist", "sql_checklist"):
            # the item is seen met, not met and unknown
            statuses = {r.get(f"{checklist}_{criterion['item']}") for r in rows}
            assert statuses >= {"met", "not_met", "unknown"}, criterion
        elif checklist in ("bant", "meddic"):
            # the item is seen missing, and met (complete)
            missing = [r.get(f"{checklist}_missing") for r in rows]
            assert any(criterion["item"] in (m or "") for m in missing), criterion
            assert "" in missing, checklist
        else:
            assert criterion["label"] in unmet, criterion
