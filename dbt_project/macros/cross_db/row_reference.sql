{#- A value naming one row of `relation` in the same query, for joining a thin result (a window
    over a few columns) back to the row's other columns. DuckDB: the table's rowid, an integer
    (a window over 48M page views took 22.9-24.9 s with the event id as payload and tie-break,
    14.3-16.4 s with the rowid). Elsewhere, and for a unit test's fixture or an ephemeral model
    (a CTE, which has no rowid): `unique_key`, a column that is unique in the relation. -#}
{% macro row_reference(relation, unique_key) -%}
    {{ return(adapter.dispatch('row_reference', 'lead_scoring')(relation, unique_key)) }}
{%- endmacro %}

{% macro duckdb__row_reference(relation, unique_key) -%}
    {{ unique_key if relation.is_cte else 'rowid' }}
{%- endmacro %}

{% macro default__row_reference(relation, unique_key) -%}
    {{ unique_key }}
{%- endmacro %}
