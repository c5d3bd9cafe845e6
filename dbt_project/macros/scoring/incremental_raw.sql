{#- Where-clause condition for incremental staging models over append-only raw tables: the
    rows of every load (raw `_load_id`) the model has not staged yet, plus rows without a load
    id. The ingest commits each load in one transaction, so a load is staged whole or not at
    all, and re-running with nothing new reads nothing. True on a full build, and when the
    staged table predates its _load_id column (everything is staged again, once). -#}
{% macro not_staged_yet(load_id='_load_id') -%}
    {%- set staged_columns = [] -%}
    {%- if is_incremental() and execute -%}
        {%- for column in adapter.get_columns_in_relation(this) -%}
            {%- do staged_columns.append(column.name | lower) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if '_load_id' in staged_columns -%}
        ({{ load_id }} is null or {{ load_id }} not in (
            select distinct staged._load_id from {{ this }} as staged
            where staged._load_id is not null
        ))
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}
