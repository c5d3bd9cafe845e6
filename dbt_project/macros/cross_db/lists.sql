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

{#- An aggregate: the k-th smallest value of `expression` among the group's rows where
    `condition` holds (null when fewer); k may itself be an aggregate, as `max(k)`. A group-by,
    where a running window over the same rows sorts all of them. -#}
{% macro kth_smallest(expression, k, condition='true') -%}
    {{ return(adapter.dispatch('kth_smallest', 'lead_scoring')(expression, k, condition)) }}
{%- endmacro %}

{% macro duckdb__kth_smallest(expression, k, condition) -%}
    list_sort(list({{ expression }}) filter (where {{ condition }}))[{{ k }}]
{%- endmacro %}

{#- collect_list leaves nulls out; element_at past the end is null with ANSI mode off, which
    dbt-spark sets. -#}
{% macro default__kth_smallest(expression, k, condition) -%}
    element_at(
        array_sort(collect_list(case when {{ condition }} then {{ expression }} end)), {{ k }}
    )
{%- endmacro %}
