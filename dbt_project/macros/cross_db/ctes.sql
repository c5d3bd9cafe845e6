{#- `name as {{ not_materialized() }} (...)`: a CTE that each of its readers recomputes. DuckDB
    keeps the whole result of a CTE read more than once, and past memory_limit spills it to
    disk; for a large CTE whose readers each take a filtered part, recomputing is cheaper
    (int_lead_activities: performance.md). Spark inlines CTEs anyway. -#}
{% macro not_materialized() -%}
    {{ return(adapter.dispatch('not_materialized', 'lead_scoring')()) }}
{%- endmacro %}

{% macro duckdb__not_materialized() -%}
    not materialized
{%- endmacro %}

{% macro default__not_materialized() -%}
{%- endmacro %}
