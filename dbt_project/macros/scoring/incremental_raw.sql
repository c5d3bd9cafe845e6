{#- Where-clause condition for incremental staging models over append-only raw tables: the
    rows of every load (raw `_load_id`) the model has not staged yet, plus rows without a load
    id. The ingest commits each load in one transaction, so a load is staged whole or not at
    all, and re-running with nothing new reads nothing. True on a full build. -#}
{% macro not_staged_yet(load_id='_load_id') -%}
    {%- if is_incremental() -%}
        ({{ load_id }} is null or {{ load_id }} not in (
            select distinct staged._load_id from {{ this }} as staged
            where staged._load_id is not null
        ))
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}
