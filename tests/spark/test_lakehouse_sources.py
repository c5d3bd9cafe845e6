"""On Spark the dbt sources read the schema LEAD_SCORING_SPARK_RAW_SCHEMA names (tables a
lakehouse's own loaders fill); on DuckDB they always read raw, where the ingest writes."""


def test_the_sources_read_the_configured_schema_on_spark(spark, tmp_path):
    sql = "select * from {{ source('zoho', 'crm_leads') }}, {{ source('segment', 'web_events') }}"
    default = spark.compiled(sql, tmp_path / "default")
    configured = spark.compiled(
        sql, tmp_path / "configured", LEAD_SCORING_SPARK_RAW_SCHEMA="lakehouse_raw"
    )
    assert "from raw.crm_leads, raw.web_events" in default
    assert "from lakehouse_raw.crm_leads, lakehouse_raw.web_events" in configured
