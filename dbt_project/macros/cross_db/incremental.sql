{#- Incremental strategies per engine, for the model config() calls. -#}

{#- Rows replaced by a unique key (the staged events, by event id). DuckDB: the custom strategy
    below. Databricks (Delta): merge. Spark on plain Parquet can only append, which is right
    because the model reads only loads it has not staged and raw holds an event id once; an id
    landed again in a later load would be staged twice, and the unique test on the key stops
    the build (on Delta, merge replaces it). -#}
{% macro replace_by_key_strategy() -%}
    {{ return(adapter.dispatch('replace_by_key_strategy', 'lead_scoring')()) }}
{%- endmacro %}

{% macro default__replace_by_key_strategy() -%}
    {{ return('replace_by_key') }}
{%- endmacro %}

{#- incremental_strategy='replace_by_key': where the model's one source holds each key once
    (raw_keys_unique) its new rows are appended, since no staged row can share their key and a
    delete would only probe the whole staged table for none; elsewhere they replace the staged
    rows with the same key (delete+insert). Decided at run time: the source's schema and the
    vars are known then, not when config() is parsed. -#}
{% macro get_incremental_replace_by_key_sql(arg_dict) -%}
    {%- if model.sources | length != 1 -%}
        {{ exceptions.raise_compiler_error(model.name ~ ": incremental_strategy replace_by_key needs one source, got " ~ model.sources | length) }}
    {%- endif -%}
    {%- if raw_keys_unique(source(*model.sources[0])) -%}
        {{ return(get_incremental_append_sql(arg_dict)) }}
    {%- endif -%}
    {{ return(get_incremental_delete_insert_sql(arg_dict)) }}
{%- endmacro %}

{% macro spark__replace_by_key_strategy() -%}
    {{ return('append') }}
{%- endmacro %}

{% macro databricks__replace_by_key_strategy() -%}
    {{ return('merge') }}
{%- endmacro %}

{#- Rows replaced a day at a time (history snapshots, by `day_column`): delete+insert by that
    key on DuckDB; on Spark the table is partitioned by the day and the run overwrites its
    day's partition (insert_overwrite, dynamic), Parquet or Delta alike. -#}
{% macro replace_by_day_strategy() -%}
    {{ return(adapter.dispatch('replace_by_day_strategy', 'lead_scoring')()) }}
{%- endmacro %}

{% macro default__replace_by_day_strategy() -%}
    {{ return('delete+insert') }}
{%- endmacro %}

{% macro spark__replace_by_day_strategy() -%}
    {{ return('insert_overwrite') }}
{%- endmacro %}

{#- The partitioning replace_by_day_strategy needs: none on DuckDB, the day on Spark. -#}
{% macro day_partitions(day_column) -%}
    {{ return(adapter.dispatch('day_partitions', 'lead_scoring')(day_column)) }}
{%- endmacro %}

{% macro default__day_partitions(day_column) -%}
    {{ return(none) }}
{%- endmacro %}

{% macro spark__day_partitions(day_column) -%}
    {{ return([day_column]) }}
{%- endmacro %}

{#- Models whose rows are replaced by a key and must also lose some (a CRM lead deleted):
    incremental on DuckDB (delete+insert, plus a pre-hook delete); on Spark's Parquet tables,
    which can neither, a table rebuilt every run. -#}
{% macro replace_by_key_materialization() -%}
    {{ return(adapter.dispatch('replace_by_key_materialization', 'lead_scoring')()) }}
{%- endmacro %}

{% macro default__replace_by_key_materialization() -%}
    {{ return('incremental') }}
{%- endmacro %}

{% macro spark__replace_by_key_materialization() -%}
    {{ return('table') }}
{%- endmacro %}

{#- Whether `relation`'s `column`, the version of its inputs it was built under, holds any value
    other than `current` (an empty table counts); when a built table's version changed, dbt's
    log says so with `consequence` (e.g. 'rewriting every day'). -#}
{% macro stored_version_changed(relation, column, current, consequence) -%}
    {%- set stored = run_query(
        "select min(" ~ column ~ "), max(" ~ column ~ ") from " ~ relation).rows[0] -%}
    {%- set changed = stored[0] != current or stored[1] != current -%}
    {%- if changed and stored[0] is not none -%}
        {{ log(relation.identifier ~ ": built under " ~ stored[0] ~ ", now " ~ current ~ ": "
            ~ consequence, info=True) }}
    {%- endif -%}
    {{- return(changed) -}}
{%- endmacro %}

{#- The lower-case names of a built relation's columns (none before it is built). -#}
{% macro column_names(relation) -%}
    {%- set names = [] -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
        {%- do names.append(column.name | lower) -%}
    {%- endfor -%}
    {{- return(names) -}}
{%- endmacro %}

{#- Whether an incremental table must be written again whole: it lacks one of `columns` (it
    was built before them), or its `version_column` holds a version other than `current`
    (stored_version_changed, which logs `consequence`). -#}
{% macro stored_table_outdated(columns, version_column, current, consequence) -%}
    {%- set stored = column_names(this) -%}
    {%- for column in columns if column not in stored -%}
        {{- return(true) -}}
    {%- endfor -%}
    {{- return(stored_version_changed(this, version_column, current, consequence)) -}}
{%- endmacro %}

{#- The rows of some models (seeds, small tables) as one hash, read when the calling model
    runs ('' before they are built): the version of the inputs an incremental model was built
    under, compared by stored_table_outdated. -#}
{% macro relations_version(model_names) -%}
    {%- if not execute -%}
        {{- return('') -}}
    {%- endif -%}
    {%- set parts = [] -%}
    {%- for name in model_names -%}
        {%- set relation = ref(name) -%}
        {%- set columns = [] -%}
        {%- for column in adapter.get_columns_in_relation(relation) -%}
            {%- do columns.append(adapter.quote(column.name)) -%}
        {%- endfor -%}
        {%- if columns -%}
            {%- set row_text = hash_columns(columns) -%}
            {%- do parts.append("coalesce((select " ~ dbt.listagg(row_text, "','", 'order by ' ~ row_text)
                ~ " from " ~ relation ~ "), '')") -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not parts -%}
        {{- return('') -}}
    {%- endif -%}
    {{- return(run_query("select " ~ dbt.hash(parts | join(" || ';' || "))).columns[0].values()[0]) -}}
{%- endmacro %}

{#- A built model's columns as `alias`."column" expressions, for a hash of its whole row; only
    lead_id before the model is built (a parse, a compile). -#}
{% macro relation_columns(model_name, alias) -%}
    {%- set columns = [] -%}
    {%- if execute -%}
        {%- for column in adapter.get_columns_in_relation(ref(model_name)) -%}
            {%- do columns.append(alias ~ '.' ~ adapter.quote(column.name)) -%}
        {%- endfor -%}
    {%- endif -%}
    {{- return(columns or [alias ~ '.lead_id']) -}}
{%- endmacro %}

{#- One fingerprint per lead (`hash_column`) of a kept model's inputs: an order-free
    combination (bit_xor) of row hashes, so no ordered aggregation runs over a lead's rows.
    Called with a block of lead_id and row_hash rows, one union all part per input. -#}
{% macro lead_fingerprints(hash_column='inputs_hash') -%}
    select
        lead_id,
        bit_xor(row_hash) as {{ hash_column }}

    from (
        {{ caller() }}
    ) as hashed_rows
    group by lead_id
{%- endmacro %}

{#- A where clause for the models kept a lead at a time: on an incremental run only the leads
    `alias` has that the table holds no row of (the pre-hook dropped the changed ones). -#}
{% macro leads_not_kept(alias) -%}
    {%- if is_incremental() %}
    where not exists (
        select 1 from {{ this }} as kept
        where kept.lead_id = {{ alias }}.lead_id
    )
    {%- endif %}
{%- endmacro %}

{#- The pre-hook of a model kept a lead at a time: delete every row when the table was built
    under another `version_column` value than `current_version` (or predates its fingerprint
    columns), else the rows of the leads whose `hash_column` is not in `fingerprints` (a query
    of lead_id and `hash_column` over the current inputs): changed or gone. -#}
{% macro delete_leads_with_changed_inputs(hash_column, version_column, current_version, fingerprints, consequence) -%}
    {%- if is_incremental() -%}
        {%- set delete_all = stored_table_outdated(
            [hash_column, version_column], version_column, current_version, consequence) -%}
        delete from {{ this }}
        {%- if not delete_all %}
        where lead_id in (
            select kept.lead_id
            from {{ this }} as kept
            left join ({{ fingerprints }}) as current_inputs
                on
                    kept.lead_id = current_inputs.lead_id
                    and kept.{{ hash_column }} = current_inputs.{{ hash_column }}
            where current_inputs.lead_id is null
        )
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
