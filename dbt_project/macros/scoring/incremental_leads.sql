{#- How int_leads and int_lead_field_values are kept up to date a lead at a time (DuckDB;
    Spark rebuilds both). A night without a new CRM version or import rewrites no lead row:
    int_leads rewrites the leads whose staged version (CRM or import) landed since it was last
    written, the leads gone from both sources, and every lead sharing an e-mail with any of
    those (the e-mail's lead count and primary lead); int_lead_field_values rewrites the
    leads int_leads wrote since it was last written itself (_written_at), and every lead when
    the fields it reads changed. -#}

{#- The dbt run's start, stamped on the rows a run writes (_written_at): later runs compare it,
    so, unlike an invocation id, it orders runs that built the two models separately. -#}
{% macro written_at() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}

{#- Post-hook of int_leads: drop the leads gone from both sources (deleted or merged away in the
    CRM, or no longer in an imported file). A post-hook, so the run's query still sees their
    rows and rewrites the leads that shared their e-mail. -#}
{% macro drop_gone_leads() -%}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where
        not exists (
            select 1 from {{ ref('stg_zoho__leads') }} as crm
            where crm.lead_id = {{ this }}.lead_id
        )
        and not exists (
            select 1 from {{ ref('stg_import__leads') }} as imported
            where imported.lead_id = {{ this }}.lead_id
        )
    {%- endif -%}
{%- endmacro %}

{#- Pre-hook of int_leads: a table from before _written_at is written again whole. -#}
{% macro drop_leads_without_written_at() -%}
    {%- if is_incremental() -%}
        {%- set stored = column_names(this) -%}
        {%- if '_written_at' not in stored -%}
    delete from {{ this }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- The fields int_lead_field_values reads, in name order: each rule's and the outcome mapping's
    field, with the int_leads column of that name (any case) or none (a custom field). Read
    when the model runs; before the seeds are built (a compile on an empty warehouse, a linter)
    there are none. -#}
{% macro lead_field_sources() -%}
    {%- set sources = [] -%}
    {%- if execute and load_relation(ref('stg_scoring__attribute_rules')) is not none
        and load_relation(ref('stg_scoring__outcome_values')) is not none -%}
        {%- set named = run_query(
            "select field from " ~ ref('stg_scoring__attribute_rules')
            ~ " union select column_name from " ~ ref('stg_scoring__outcome_values')
            ~ " order by 1") -%}
        {%- set lead_columns = {} -%}
        {%- for column in adapter.get_columns_in_relation(ref('int_leads')) -%}
            {%- do lead_columns.update({column.name | lower: column}) -%}
        {%- endfor -%}
        {%- for field in named.columns[0].values() -%}
            {%- do sources.append({'field': field, 'column': lead_columns.get(field | lower)}) -%}
        {%- endfor -%}
    {%- endif -%}
    {{- return(sources) -}}
{%- endmacro %}

{#- The fields and the columns they are read from, as one hash: another field, or a column of
    another type, means every lead's values are read again. -#}
{% macro lead_field_sources_version(sources) -%}
    {%- set parts = [] -%}
    {%- for source in sources -%}
        {%- do parts.append(source.field ~ '=' ~ (
            source.column.name ~ ':' ~ source.column.dtype if source.column else 'custom')) -%}
    {%- endfor -%}
    {{- return(local_md5(parts | join('|'))) -}}
{%- endmacro %}

{#- Pre-hook of int_lead_field_values: drop every row when the fields read changed (or the table
    predates its version columns), else the rows of leads gone from int_leads. The run then
    writes the leads int_leads wrote since this table's last write (all of them when it is
    empty). -#}
{% macro drop_stale_field_values() -%}
    {%- if is_incremental() -%}
        {%- set rewrite_all = stored_table_outdated(
            ['_written_at', 'fields_version'], 'fields_version',
            lead_field_sources_version(lead_field_sources()), "reading every lead's fields again") -%}
        delete from {{ this }}
        {%- if not rewrite_all %}
        where not exists (
            select 1 from {{ ref('int_leads') }} as leads
            where leads.lead_id = {{ this }}.lead_id
        )
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
