{#- Where-clause condition for incremental staging models over append-only raw tables: the
    rows of every load (raw `_load_id`) the model has not staged yet, plus rows without a load
    id. The ingest commits each load in one transaction, so a load is staged whole or not at
    all, and re-running with nothing new reads nothing. The new loads are looked up first (one
    column of each table) and written into the query as a list: a filter the scan applies
    itself, so it reads the other columns of those loads' rows only, where an anti-join read
    every column of every row raw ever held. True on a full build, and when the staged table
    predates its _load_id column (everything is staged again, once). -#}
{% macro not_staged_yet(source_relation, load_id='_load_id') -%}
    {%- set staged_columns = column_names(this) if is_incremental() and execute else [] -%}
    {%- if '_load_id' in staged_columns -%}
        {%- set new_loads = run_query(
            "select distinct " ~ load_id ~ " from " ~ source_relation
            ~ " where " ~ load_id ~ " is not null except select distinct _load_id from "
            ~ this ~ " where _load_id is not null").columns[0].values() -%}
        ({{ load_id }} is null
        {%- if new_loads %} or {{ load_id }} in (
            {%- for new_load in new_loads | sort -%}
                '{{ escape_single_quotes(new_load) }}'{{ ', ' if not loop.last }}
            {%- endfor -%}
        ){%- endif -%})
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#- Whether a raw source holds each key once. The ingest's own tables (schema `raw`, on
    DuckDB and in the Parquet copy Spark reads) do: a load skips ids already landed. A
    lakehouse schema filled by another loader (LEAD_SCORING_SPARK_RAW_SCHEMA) may not. Var
    raw_keys_unique (true/false) overrides, e.g. for a raw table filled by hand. -#}
{% macro raw_keys_unique(source_relation) -%}
    {%- set setting = var('raw_keys_unique', '') | string | trim | lower -%}
    {%- if setting in ('true', 'false') -%}
        {{- return(setting == 'true') -}}
    {%- endif -%}
    {{- return(source_relation.schema == 'raw') -}}
{%- endmacro %}

{#- CTEs ending in `final`: the not-yet-staged rows of an event source, `columns` selected,
    one row per `key`, each stamped with the dbt invocation that staged it (_staged_by) and a
    64-bit hash of its key (_key_hash), which the unique_in_this_run test reads. Where raw
    holds each key once they are read straight; elsewhere ids landed twice go through the
    (costly) ranking, where the latest load's copy wins, and the rest are read once. -#}
{% macro latest_copy_per_key(source_relation, key, columns) -%}
{%- set not_staged = not_staged_yet(source_relation) -%}  {#- one look at the tables, once -#}
{%- set stamped_columns -%}
        {{ columns }},
        '{{ invocation_id }}' as _staged_by,
        {{ value_hash([key]) }} as _key_hash
{%- endset -%}
{%- if raw_keys_unique(source_relation) -%}
final as (

    select
        {{ stamped_columns }}

    from {{ source_relation }}
    where {{ key }} is not null and {{ not_staged }}

)
{%- else -%}
duplicated_ids as (

    select {{ key }}
    from {{ source_relation }}
    where {{ key }} is not null and {{ not_staged }}
    group by {{ key }}
    having count(*) > 1

),

unique_events as (

    select
        {{ stamped_columns }}

    from {{ source_relation }}
    where
        {{ key }} is not null
        and {{ not_staged }}
        and {{ key }} not in (select duplicated_ids.{{ key }} from duplicated_ids)

),

duplicated_events as (

    select
        {{ stamped_columns }}

    from (
        select
            *,
            row_number() over (
                partition by {{ key }}
                order by _loaded_at desc nulls last, _load_id desc nulls last, _source desc nulls last
            ) as copy_rank

        from {{ source_relation }}
        where
            {{ not_staged }}
            and {{ key }} in (select duplicated_ids.{{ key }} from duplicated_ids)
    ) as copies
    where copies.copy_rank = 1

),

final as (

    select * from unique_events

    union all

    select * from duplicated_events

)
{%- endif -%}
{%- endmacro %}
