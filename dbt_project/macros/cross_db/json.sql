{#- Text value of a key path inside a JSON column: json_text('traits', ['email']). -#}
{% macro json_text(column, keys) -%}
    {{ return(adapter.dispatch('json_text', 'lead_scoring')(column, keys)) }}
{%- endmacro %}

{% macro duckdb__json_text(column, keys) -%}
    json_extract_string({{ column }}, '$.{{ keys | join(".") }}')
{%- endmacro %}

{% macro spark__json_text(column, keys) -%}
    get_json_object({{ column }}, '$.{{ keys | join(".") }}')
{%- endmacro %}

{#- PostgreSQL-style jsonb path operator. -#}
{% macro default__json_text(column, keys) -%}
    ({{ column }} #>> '{ {{- keys | join(",") -}} }')
{%- endmacro %}

{#- Text value of one top-level key named by an expression (a column of a rule seed), so
    rules can name any property: json_text_at('properties', 'rules.property'). Keys may hold
    spaces ("Total Time Spent"); seed checks refuse keys with a double quote. -#}
{% macro json_text_at(column, key_expression) -%}
    {{ return(adapter.dispatch('json_text_at', 'lead_scoring')(column, key_expression)) }}
{%- endmacro %}

{% macro duckdb__json_text_at(column, key_expression) -%}
    json_extract_string({{ column }}, '$."' || {{ key_expression }} || '"')
{%- endmacro %}

{#- Spark's JSON path takes any key in brackets: $['Total Time Spent']. -#}
{% macro spark__json_text_at(column, key_expression) -%}
    get_json_object({{ column }}, concat('$[', chr(39), {{ key_expression }}, chr(39), ']'))
{%- endmacro %}

{% macro default__json_text_at(column, key_expression) -%}
    get_json_object({{ column }}, '$[''' || {{ key_expression }} || ''']')
{%- endmacro %}

{#- A JSON object text from name/expression pairs: json_object_of([('url', 'url')]). -#}
{% macro json_object_of(pairs) -%}
    {{ return(adapter.dispatch('json_object_of', 'lead_scoring')(pairs)) }}
{%- endmacro %}

{% macro duckdb__json_object_of(pairs) -%}
    cast(json_object(
        {%- for name, expression in pairs %}
        '{{ name }}', {{ expression }}{{ "," if not loop.last }}
        {%- endfor %}
    ) as varchar)
{%- endmacro %}

{#- Spark's to_json leaves out null fields unless told not to; DuckDB writes them as null. -#}
{% macro spark__json_object_of(pairs) -%}
    to_json(named_struct(
        {%- for name, expression in pairs %}
        '{{ name }}', {{ expression }}{{ "," if not loop.last }}
        {%- endfor %}
    ), map('ignoreNullFields', 'false'))
{%- endmacro %}

{% macro default__json_object_of(pairs) -%}
    to_json(named_struct(
        {%- for name, expression in pairs %}
        '{{ name }}', {{ expression }}{{ "," if not loop.last }}
        {%- endfor %}
    ))
{%- endmacro %}
