{#- on-run-start. On Spark with LEAD_SCORING_SPARK_RAW_PARQUET_DIR set, every dbt source table
    is (re)registered as a Parquet table over <folder>/<table name> in its source schema (raw),
    so the build reads the Parquet the ingest or `lead-scoring spark export-raw` wrote. Only
    external tables are replaced: a managed table of that name (data of its own) stops the
    build instead. Unset, the sources are the metastore's own tables (a lakehouse's loaders).
    Nothing on DuckDB. -#}
{% macro register_raw_parquet() -%}
    {{ return(adapter.dispatch('register_raw_parquet', 'lead_scoring')()) }}
{%- endmacro %}

{% macro default__register_raw_parquet() -%}
{%- endmacro %}

{% macro spark__register_raw_parquet() -%}
    {%- set folder = env_var('LEAD_SCORING_SPARK_RAW_PARQUET_DIR', '') | trim -%}
    {%- if folder and execute -%}
        {%- if not folder.startswith('/') and '://' not in folder -%}
            {%- set folder = env_var('DBT_PROJECT_DIR', '.') ~ '/../' ~ folder -%}
        {%- endif -%}
        {%- set schemas = graph.sources.values() | map(attribute='schema') | unique | list -%}
        {%- for schema in schemas -%}
            {%- do run_query('create schema if not exists ' ~ schema) -%}
        {%- endfor -%}
        {%- for source in graph.sources.values() -%}
            {%- set table = source.schema ~ '.' ~ source.identifier -%}
            {%- set location = (folder.rstrip('/') ~ '/' ~ source.identifier) | replace("'", "\\'") -%}
            {%- if adapter.get_relation(database=none, schema=source.schema, identifier=source.identifier) -%}
                {%- set kind = [] -%}
                {%- for row in run_query('describe table extended ' ~ table) -%}
                    {%- if row[0] == 'Type' -%}{%- do kind.append(row[1] | trim) -%}{%- endif -%}
                {%- endfor -%}
                {%- if kind != ['EXTERNAL'] -%}
                    {{ exceptions.raise_compiler_error(
                        "LEAD_SCORING_SPARK_RAW_PARQUET_DIR is set, but " ~ table ~ " is a "
                        ~ (kind | join or 'view') ~ " table of its own, not one over Parquet "
                        ~ "files: unset the variable to read it, or drop it") }}
                {%- endif -%}
                {%- do run_query('drop table ' ~ table) -%}
            {%- endif -%}
            {%- do run_query("create table " ~ table ~ " using parquet location '" ~ location ~ "'") -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}
