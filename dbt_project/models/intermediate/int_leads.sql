{{
    config(
        materialized=replace_by_key_materialization(),
        unique_key='lead_id',
        incremental_strategy='delete+insert',
        on_schema_change='sync_all_columns',
        pre_hook="{{ drop_leads_without_written_at() }}",
        post_hook="{{ drop_gone_leads() }}",
    )
}}

-- Every lead, from the CRM and from imported files, with the CRM's columns (null where an
-- imported file has none), the imported leads' external id, the e-mail domain, and the
-- person key that activities attach to: the e-mail, so leads that share one share their
-- behavior, or the lead itself when it has no e-mail. primary_lead_id names the earliest
-- created lead of an e-mail.
-- Nightly (incremental, on DuckDB) only the leads whose rows can have changed are written (see
-- incremental_leads.sql): those with a version staged since the last write (CRM or import),
-- the gone ones (dropped by the post-hook) and every lead sharing an e-mail with those.
-- Spark rebuilds it.
-- depends_on: {{ ref('stg_zoho__leads') }}
-- depends_on: {{ ref('stg_import__leads') }}

{%- set crm_columns = [] -%}
{%- set import_columns = [] -%}
{%- if execute -%}
    {#- _staged_by is staging's own mark of the run that staged a row -#}
    {%- for column in adapter.get_columns_in_relation(ref('stg_zoho__leads')) -%}
        {%- if column.name | lower != '_staged_by' -%}
            {%- do crm_columns.append(column) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set import_columns = column_names(ref('stg_import__leads')) -%}
{%- endif %}

with

-- noqa: disable=LT02
crm_leads as (

    select
        {%- for column in crm_columns %}
        {{ adapter.quote(column.name) }},
        {%- endfor %}
        cast(null as {{ dbt.type_string() }}) as external_id,
        'crm' as source_system

    from {{ ref('stg_zoho__leads') }}

),

imported_leads as (

    select
        {%- for column in crm_columns %}
        {%- if column.name | lower in import_columns %}
        {{ adapter.quote(column.name) }},
        {%- else %}
        cast(null as {{ column.data_type }}) as {{ adapter.quote(column.name) }},
        {%- endif %}
        {%- endfor %}
        external_id,
        'import' as source_system

    from {{ ref('stg_import__leads') }}

),
-- noqa: enable=LT02

unioned as {{ not_materialized() }} (

    select * from crm_leads
    union all
    select * from imported_leads

),

{%- if is_incremental() %}

changed as (

    -- the leads with a version staged since this table's newest load time of their source:
    -- stg_zoho__leads ranks a lead again only when a version of it lands, and an imported
    -- lead's latest load is its version; then the leads gone from both sources
    {%- for source_system, staged in [
        ('crm', ref('stg_zoho__leads')), ('import', ref('stg_import__leads')),
    ] %}
    select lead_id from {{ staged }}
    where coalesce(
        _loaded_at > (
            select max(written._loaded_at) from {{ this }} as written
            where written.source_system = '{{ source_system }}'
        ),
        true
    )

    union all
    {%- endfor %}

    select written.lead_id from {{ this }} as written
    where not exists (select 1 from unioned where unioned.lead_id = written.lead_id)

),

changed_emails as (

    -- the e-mails the changed leads have and had: their other leads' count and primary lead
    select unioned.email from unioned
    where unioned.lead_id in (select changed.lead_id from changed)

    union

    select written.email from {{ this }} as written
    where written.lead_id in (select changed.lead_id from changed)

),

{%- endif %}

in_scope as {{ not_materialized() }} (

    select * from unioned
    {%- if is_incremental() %}
    where
        lead_id in (select changed.lead_id from changed)
        or email in (select changed_emails.email from changed_emails)
    {%- endif %}

),

by_email as (

    -- the window sorts three columns of the leads that have an e-mail, not every CRM
    -- column of every lead (at 100k leads that wide sort was half of the model's query)
    select
        lead_id,
        count(*) over (partition by email) as email_lead_count,
        first_value(lead_id) over (
            partition by email
            order by created_at asc nulls last, lead_id asc
            rows between unbounded preceding and unbounded following
        ) as primary_lead_id

    from in_scope
    where email is not null

),

final as (

    select
        in_scope.*,
        {{ dbt.split_part('in_scope.email', "'@'", 2) }} as email_domain,
        coalesce(in_scope.email, 'lead:' || in_scope.lead_id) as person_key,
        coalesce(by_email.email_lead_count, 1) as email_lead_count,
        coalesce(by_email.primary_lead_id, in_scope.lead_id) as primary_lead_id,
        {{ written_at() }} as _written_at

    from in_scope
    left join by_email
        on in_scope.lead_id = by_email.lead_id

)

select * from final
