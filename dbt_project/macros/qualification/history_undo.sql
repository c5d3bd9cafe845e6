{#- Write-audit-publish for lead_score_history, which is incremental (never rebuilt): before the
    model replaces its day, note the day in audit.lead_score_history_writes and keep the rows
    it replaces in audit.lead_score_history_undo. The publish step marks the write published;
    a write never published (its run was rejected by a blocking check) is rolled back from the
    undo rows before the next run's dbt build (orchestration/lead_scoring/quality/
    history_rollback.py), so nothing a rejected run wrote is read by a later run. -#}
{% macro history_undo() -%}
    {{ return(adapter.dispatch('history_undo', 'lead_scoring')()) }}
{%- endmacro %}

{% macro default__history_undo() -%}
    {%- set day = snapshot_date() -%}
    create schema if not exists audit;
    create table if not exists audit.lead_score_history_writes (
        dbt_invocation_id varchar, snapshot_date date, written_at timestamptz,
        published_at timestamptz, rolled_back_at timestamptz
    );
    insert into audit.lead_score_history_writes
    values ('{{ invocation_id }}', {{ day }}, now(), null, null);
    {% if is_incremental() -%}
    create or replace table audit.lead_score_history_undo as
    select '{{ invocation_id }}' as dbt_invocation_id, * from {{ this }}
    where snapshot_date = {{ day }}
    {%- else -%}
    create or replace table audit.lead_score_history_undo as
    select '{{ invocation_id }}' as dbt_invocation_id where false
    {%- endif %}
{%- endmacro %}

{#- Spark runs one statement at a time and has no create or replace for Parquet tables: the
    statements run here, as the hook is rendered, and the hook itself is the last one. -#}
{% macro spark__history_undo() -%}
    {%- set day = snapshot_date() -%}
    {%- if execute -%}
        {%- do run_query('create schema if not exists audit') -%}
        {%- do run_query(
            'create table if not exists audit.lead_score_history_writes (dbt_invocation_id string, '
            ~ 'snapshot_date date, written_at timestamp, published_at timestamp, '
            ~ 'rolled_back_at timestamp) using parquet') -%}
        {%- do run_query(
            "insert into audit.lead_score_history_writes values ('" ~ invocation_id ~ "', "
            ~ day ~ ", current_timestamp(), null, null)") -%}
        {%- do run_query('drop table if exists audit.lead_score_history_undo') -%}
    {%- endif %}
    create table audit.lead_score_history_undo using parquet as
    {% if is_incremental() -%}
    select '{{ invocation_id }}' as dbt_invocation_id, * from {{ this }}
    where snapshot_date = {{ day }}
    {%- else -%}
    select '{{ invocation_id }}' as dbt_invocation_id where false
    {%- endif %}
{%- endmacro %}
