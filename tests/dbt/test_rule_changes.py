"""Rules are data: changing a seed row changes exactly the scores it should, a malformed row
stops the build naming the row, and rule values that look like SQL stay data. Each test edits
a copy of the dbt project, never the committed seeds."""

import shutil

import pytest

from .conftest import SCORE_AS_OF
from .dbt_helpers import copy_project, edit_seed, query, run_dbt, seed_path, vars_arg

SCORES = """
    select s.lead_id, s.attribute_score, s.behavior_score, s.total_score, s.tier,
        s.score_reasons, p.payload_hash
    from marts.lead_scores as s
    inner join marts.sync_crm__lead_scores as p on s.lead_id = p.lead_id
"""
# seed changes make the unit tests that pin the default rules fail, as they should
NO_UNIT_TESTS = ["--exclude-resource-type", "unit_test"]


def rebuild_with(tmp_path, built, project, score_as_of=SCORE_AS_OF):
    """Build `project` on a copy of the already built warehouse; scores before and after."""
    warehouse, first = built
    assert first.returncode == 0, first.stdout[-3000:]
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(warehouse, copy)
    result = run_dbt(["build", *NO_UNIT_TESTS, *vars_arg(score_as_of)], copy, tmp_path, project)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    before = {row[0]: row[1:] for row in query(warehouse, SCORES)}
    after = {row[0]: row[1:] for row in query(copy, SCORES)}
    return before, after, copy


def build_rule_models(tmp_path, project, models):
    """Build only the seeds and the given rule models, on an empty warehouse."""
    return run_dbt(
        ["build", *NO_UNIT_TESTS, "--select", *(f"+{m}" for m in models)],
        tmp_path / "warehouse.duckdb",
        tmp_path,
        project,
    )


def test_changing_one_seed_row_changes_exactly_the_affected_scores(tmp_path, built):
    project = copy_project(tmp_path / "project")
    edit_seed(
        project,
        "score_behavior_rules",
        ",file_downloaded,asset,price_list,count,,1,,90,30,0.5,20,",
        ",file_downloaded,asset,price_list,count,,1,,90,30,0.5,25,",
    )
    before, after, _ = rebuild_with(tmp_path, built, project)

    hit = {
        row[0]
        for row in query(
            built[0],
            """
        select lead_id from intermediate.int_lead_score_rule_hits
        where rule_id = 'beh_download_price_list'
    """,
        )
    }
    changed = {lead for lead in before if before[lead] != after[lead]}
    assert hit == {"1001", "1004"}
    assert changed == hit
    for lead in hit:
        assert after[lead][2] == before[lead][2] + 5  # total_score
        assert after[lead][5] != before[lead][5]  # payload_hash


def test_malformed_seed_rows_fail_the_build_with_a_message_naming_the_row(tmp_path):
    project = copy_project(tmp_path / "project")
    edit_seed(
        project,
        "score_attribute_rules",
        "att_role_other,job_role,job_role,5,job_title,present,",
        "att_role_other,job_role,job_role,5,job_title,like,",
    )
    edit_seed(
        project,
        "score_behavior_rules",
        "beh_booth_visit,events,,booth_visited,,,count,",
        "beh_booth_visit,events,,booth_visited,,,average,",
    )
    edit_seed(project, "score_tiers", "Warm,30,70", "Warm,31,70")
    edit_seed(
        project, "lead_mapping", "crm,lost,deal_outcome,text,Lost", "crm,lost,deal_outcome,text,"
    )
    models = [
        "stg_scoring__attribute_rules",
        "stg_scoring__behavior_rules",
        "stg_scoring__tiers",
        "stg_scoring__lead_mapping",
    ]
    result = build_rule_models(tmp_path, project, models)

    assert result.returncode != 0
    out = result.stdout
    prefix = "Invalid scoring rule in seed "
    assert (
        prefix + 'score_attribute_rules, row rule_id="att_role_other": unknown match "like" '
        "(expected equals, keyword, band, true, false, missing, present)"
    ) in out
    assert (
        prefix + 'score_behavior_rules, row rule_id="beh_booth_visit": unknown aggregate '
        '"average" (expected count, distinct_count, sum, max, max_count_per_key, days_since_last)'
    ) in out
    assert (
        prefix + 'score_tiers, row tier="Warm": leaves a gap after band "Cold": '
        "min_score 31 is above its max_score 30"
    ) in out
    assert (
        prefix + 'lead_mapping, row row_key="crm.lost.deal_outcome": lost needs the values '
        "that count"
    ) in out


@pytest.mark.parametrize(
    ("seed", "old", "new", "message"),
    [
        (
            "score_attribute_rules",
            "att_size_mid,company_size,company_size,,employee_count,band,,100,500,",
            "att_size_mid,company_size,company_size,,employee_count,band,,500,100,",
            'rule_id="att_size_mid": min_value 500 is not below max_value 100',
        ),
        (
            "score_attribute_rules",
            "att_industry_it,industry,industry,,industry,equals,IT / Software,,,10,",
            "att_industry_it,industry,industry,,industry,equals,IT / Software,,,ten,",
            'rule_id="att_industry_it": points "ten" is not a number',
        ),
        (
            "score_attribute_rules",
            "att_industry_it,industry,industry,,industry,equals,IT / Software,",
            "att_industry_it,industry,industry,,industry,equals,,",
            'rule_id="att_industry_it": match equals needs match_values',
        ),
        (
            "score_behavior_rules",
            "beh_email_click_repeat,email_engagement,,email_click,,,max_count_per_key,url,",
            "beh_email_click_repeat,email_engagement,,email_click,,,max_count_per_key,,",
            'rule_id="beh_email_click_repeat": aggregate max_count_per_key needs a property',
        ),
        (
            "score_behavior_rules",
            "beh_download_catalog,content,,file_downloaded,asset,product_catalog,",
            "beh_download_catalog,content,,file_downloaded,asset,,",
            'rule_id="beh_download_catalog": where_property needs where_values',
        ),
    ],
)
def test_each_kind_of_malformed_rule_names_its_row(tmp_path, seed, old, new, message):
    project = copy_project(tmp_path / "project")
    edit_seed(project, seed, old, new)
    model = {"score_attribute_rules": "stg_scoring__attribute_rules"}.get(
        seed, "stg_scoring__behavior_rules"
    )
    result = build_rule_models(tmp_path, project, [model])

    assert result.returncode != 0
    assert f"Invalid scoring rule in seed {seed}, row {message}" in result.stdout


def test_a_cap_on_a_category_no_rule_has_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    edit_seed(project, "score_category_caps", "content,,30,", "downloads,,30,")
    result = build_rule_models(tmp_path, project, ["stg_scoring__category_caps"])

    assert result.returncode != 0
    assert (
        'Invalid scoring rule in seed score_category_caps, row category="downloads": '
        'no rule has category "downloads"'
    ) in result.stdout


def test_rule_values_that_look_like_sql_are_only_data(tmp_path, built):
    project = copy_project(tmp_path / "project")
    rules = seed_path(project, "score_attribute_rules")
    with rules.open("a", encoding="utf-8") as seed:
        # matches lead 1009's title; its label ends up in the reasons, verbatim
        seed.write(
            "att_sql_title,job_role,job_role,0,job_title,keyword,"
            '"\'; drop table raw.crm_leads; --",,,30,decision_maker,'
            '"Title: x\'); drop table scoring.score_tiers; --"\n'
        )
    # one second later: unchanged scores must keep their payload hash though scored_at moves
    later = SCORE_AS_OF[:-1] + "1"
    before, after, warehouse = rebuild_with(tmp_path, built, project, score_as_of=later)

    assert {lead for lead in before if before[lead] != after[lead]} == {"1009"}
    assert after["1009"][:3] == (35, 0, 35)
    assert after["1009"][4].startswith("Title: x'); drop table scoring.score_tiers; -- +30")
    assert query(warehouse, "select count(*) from scoring.score_tiers") == [(3,)]
    assert query(warehouse, "select count(distinct id) from raw.crm_leads") == [(10,)]
    assert query(warehouse, "select distinct scored_at from marts.lead_scores") != query(
        built[0], "select distinct scored_at from marts.lead_scores"
    )


def test_a_rule_on_a_field_no_rule_read_before_reads_it_for_every_lead(tmp_path, built):
    # int_lead_field_values is incremental: a field it did not read must make the next build
    # read every lead again (fields_version), or the new rule finds no value to test. No
    # sample lead has a company, so a rule on a missing company fires for all ten
    project = copy_project(tmp_path / "project")
    rules = seed_path(project, "score_attribute_rules")
    with rules.open("a", encoding="utf-8") as seed:
        seed.write("att_no_company,company_known,,,company,missing,,,,-3,,Company unknown\n")
    before, after, warehouse = rebuild_with(tmp_path, built, project)

    assert len(after) == 10
    assert {lead: after[lead][0] - before[lead][0] for lead in after} == dict.fromkeys(after, -3)
    assert query(
        warehouse,
        "select count(distinct lead_id) from intermediate.int_lead_field_values "
        "where field = 'company' and field_value is null",
    ) == [(10,)]
