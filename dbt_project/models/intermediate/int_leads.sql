-- Every lead, from the CRM and from imported files, with the CRM's columns (null where an
-- imported file has none), the imported leads' external id, the e-mail domain, and the
-- person key that activities attach to: the e-mail, so leads that share one share their
-- behavior, or the lead itself when it has no e-mail. primary_lead_id names the earliest
-- created lead of an e-mail.
-- depends_on: {{ ref('stg_zoho__leads') }}
-- depends_on: {{ ref('stg_import__leads') }}

{%- set crm_columns = [] -%}
{%- set import_columns = [] -%}
{%- if execute -%}
    {%- set crm_columns = adapter.get_columns_in_relation(ref('stg_zoho__leads')) -%}
    {%- for column in adapter.get_columns_in_relation(ref('stg_import__leads')) -%}
        {%- do import_columns.append(column.name | lower) -%}
    {%- endfor -%}
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

    from unioned
    where email is not null

),

final as (

    select
        unioned.*,
        {{ dbt.split_part('unioned.email', "'@'", 2) }} as email_domain,
        coalesce(unioned.email, 'lead:' || unioned.lead_id) as person_key,
        coalesce(by_email.email_lead_count, 1) as email_lead_count,
        coalesce(by_email.primary_lead_id, unioned.lead_id) as primary_lead_id

    from unioned
    left join by_email
        on unioned.lead_id = by_email.lead_id

)

select * from final
