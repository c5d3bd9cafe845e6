{#- '|'-separated text -> one row per trimmed element, for a select list:
    `select rule_id, {{ exploded_list('match_values') }} as match_value from rules`. -#}
{% macro exploded_list(expression) -%}
    {{ return(adapter.dispatch('exploded_list', 'lead_scoring')(expression)) }}
{%- endmacro %}

{% macro duckdb__exploded_list(expression) -%}
    unnest(string_split({{ expression }}, '|'))
{%- endmacro %}

{#- Spark: split takes a regular expression, so the bar is in a class. -#}
{% macro spark__exploded_list(expression) -%}
    explode(split({{ expression }}, '[|]'))
{%- endmacro %}

{#- Others: split takes a regular expression, so the bar is escaped. -#}
{% macro default__exploded_list(expression) -%}
    explode(split({{ expression }}, '[|]'))
{%- endmacro %}

{#- True when text matches a regular expression anywhere. -#}
{% macro regex_contains(expression, pattern) -%}
    {{ return(adapter.dispatch('regex_contains', 'lead_scoring')(expression, pattern)) }}
{%- endmacro %}

{% macro duckdb__regex_contains(expression, pattern) -%}
    regexp_matches({{ expression }}, {{ pattern }})
{%- endmacro %}

{% macro spark__regex_contains(expression, pattern) -%}
    ({{ expression }} rlike {{ spark_regex(pattern) }})
{%- endmacro %}

{% macro default__regex_contains(expression, pattern) -%}
    ({{ expression }} rlike {{ pattern }})
{%- endmacro %}
