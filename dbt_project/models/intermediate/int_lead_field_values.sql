-- One row per lead and field that a rule or the outcome mapping reads, with the field's
-- value as text (null when the lead has none): a column of int_leads when one has the
-- field's name (any case), else the key of that name in the lead's custom fields (custom CRM
-- fields, columns of an imported file). So a rule names any field, never SQL.
-- depends_on: {{ ref('stg_scoring__attribute_rules') }}
-- depends_on: {{ ref('stg_scoring__outcome_values') }}

{%- set field_names = [] -%}
{%- set lead_columns = {} -%}
{#- the rule seeds are read when the model runs; before they are built (a compile on an
    empty warehouse, a linter) there is nothing to read -#}
{%- if execute and load_relation(ref('stg_scoring__attribute_rules')) is not none
    and load_relation(ref('stg_scoring__outcome_values')) is not none -%}
    {%- set named = run_query(
        "select field from " ~ ref('stg_scoring__attribute_rules')
        ~ " union select column_name from " ~ ref('stg_scoring__outcome_values')
        ~ " order by 1") -%}
    {%- set field_names = named.columns[0].values() -%}
    {%- for column in adapter.get_columns_in_relation(ref('int_leads')) -%}
        {%- do lead_columns.update({column.name | lower: column}) -%}
    {%- endfor -%}
{%- endif %}

with

leads as (

    select * from {{ ref('int_leads') }}

),

final as (

    {%- for field in field_names %}
    {%- set literal = "'" ~ field | replace("'", "''") ~ "'" %}
    {%- set custom = json_text_at('custom_fields', literal) %}
    select
        lead_id,
        {{ literal }} as field,
        lower({{ literal }}) as field_key,
        {%- if field | lower in lead_columns %}
        {%- set column = lead_columns[field | lower] %}
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
        {%- endif %}

    from leads
    {{ "union all" if not loop.last }}
    {%- endfor %}
    {%- if not field_names %}
        select
            lead_id,
            cast(null as {{ dbt.type_string() }}) as field,
            cast(null as {{ dbt.type_string() }}) as field_key,
            cast(null as {{ dbt.type_string() }}) as field_value
        from leads
        where 1 = 0
    {%- endif %}

)

select * from final
