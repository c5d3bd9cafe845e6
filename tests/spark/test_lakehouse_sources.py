"""On Spark the dbt sources read the schema LEAD_SCORING_SPARK_RAW_SCHEMA names (tables a
lakehouse's own loaders fill; the default, raw, is what the whole build reads); on DuckDB they
always read raw, where the ingest writes."""


def test_the_sources_read_the_configured_schema_on_spark(spark, tmp_path):
    sql = "select * from {{ source('zoho', 'crm_leads') }}, {{ source('segment', 'web_events') }}"
    compiled = spark.compiled(sql, tmp_path, LEAD_SCORING_SPARK_RAW_SCHEMA="lakehouse_raw")
    assert "from lakehouse_raw.crm_leads, lakehouse_raw.web_events" in compiled
