-- One row per lead and field that a rule or the outcome mapping reads, with the field's
-- value as text (null when the lead has none): a column of int_leads when one has the
-- field's name (any case), else the key of that name in the lead's custom fields (custom CRM
-- fields, columns of an imported file). So a rule names any field, never SQL.
-- Nightly (incremental, on DuckDB) only the leads int_leads wrote since this table's last write
-- are read again; the pre-hook drop_stale_field_values (incremental_leads.sql) first drops the
-- rows of leads gone, or every row when the fields read changed. Spark rebuilds it.
-- depends_on: {{ ref('stg_scoring__attribute_rules') }}
-- depends_on: {{ ref('stg_scoring__outcome_values') }}
{{
    config(
        materialized=replace_by_key_materialization(),
        unique_key='lead_id',
        incremental_strategy='delete+insert',
        on_schema_change='sync_all_columns',
        pre_hook="{{ drop_stale_field_values() }}",
    )
}}

{%- set sources = lead_field_sources() %}
{%- set version = lead_field_sources_version(sources) %}

with

leads as (

    select * from {{ ref('int_leads') }}
    {%- if is_incremental() %}
    where coalesce(_written_at > (select max(written._written_at) from {{ this }} as written), true)
    {%- endif %}

),

final as (

    {%- for source in sources %}
    {%- set literal = "'" ~ source.field | replace("'", "''") ~ "'" %}
    {%- set custom = json_text_at('custom_fields', literal) %}
    select
        lead_id,
        {{ literal }} as field,
        lower({{ literal }}) as field_key,
        {%- if source.column %}
        {%- set column = source.column %}
        {%- set quoted = adapter.quote(column.name) %}
        coalesce(
            {%- if column.dtype | lower in ('double', 'float', 'real', 'float8', 'float4') %}
            {{ double_text(quoted) }},
            {%- else %}
            cast({{ quoted }} as {{ dbt.type_string() }}),
            {%- endif %}
            {{ custom }}
        ) as field_value
        {%- else %}
        {{ custom }} as field_value
        {%- endif %},
        '{{ version }}' as fields_version,
        {{ written_at() }} as _written_at

    from leads
    {{ "union all" if not loop.last }}
    {%- endfor %}
    {%- if not sources %}
        select
            lead_id,
            cast(null as {{ dbt.type_string() }}) as field,
            cast(null as {{ dbt.type_string() }}) as field_key,
            cast(null as {{ dbt.type_string() }}) as field_value,
            cast(null as {{ dbt.type_string() }}) as fields_version,
            {{ written_at() }} as _written_at
        from leads
        where 1 = 0
    {%- endif %}

)

select * from final
