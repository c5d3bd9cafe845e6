"""A malformed rule row stops the Spark build with a message naming the seed and the row, as
on DuckDB (tests/dbt/test_rule_changes.py). With ANSI mode off (dbt-spark's setting), the old
cast-error trick gave null: the row was silently dropped and the build passed."""

from tests.dbt.dbt_helpers import copy_project, edit_seed


def test_a_malformed_rule_row_fails_the_spark_build_naming_the_row(spark, tmp_path):
    project = copy_project(tmp_path / "project")
    edit_seed(
        project,
        "score_attribute_rules",
        "att_industry_it,industry,industry,,industry,equals,IT / Software,,,10,",
        "att_industry_it,industry,industry,,industry,equals,IT / Software,,,ten,",
    )
    result = spark.invoke(
        ["build", "--select", "+stg_scoring__attribute_rules", "--exclude-resource-type",
         "unit_test"],
        tmp_path,
        project=project,
    )  # fmt: skip

    assert not result.success
    messages = "\n".join(str(r.message) for r in result.result if r.message)
    assert (
        'Invalid scoring rule in seed score_attribute_rules, row rule_id="att_industry_it": '
        'points "ten" is not a number'
    ) in messages
