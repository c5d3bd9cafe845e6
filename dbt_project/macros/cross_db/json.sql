{#- Text value of a key path inside a JSON column: json_text('traits', ['email']). -#}
{% macro json_text(column, keys) -%}
    {{ return(adapter.dispatch('json_text', 'lead_scoring')(column, keys)) }}
{%- endmacro %}

{% macro duckdb__json_text(column, keys) -%}
    json_extract_string({{ column }}, '$.{{ keys | join(".") }}')
{%- endmacro %}

{#- PostgreSQL-style jsonb path operator. -#}
{% macro default__json_text(column, keys) -%}
    ({{ column }} #>> '{ {{- keys | join(",") -}} }')
{%- endmacro %}
