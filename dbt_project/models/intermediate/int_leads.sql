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

unioned as (

    select * from crm_leads
    union all
    select * from imported_leads

),

final as (

    select
        *,
        {{ dbt.split_part('email', "'@'", 2) }} as email_domain,
        coalesce(email, 'lead:' || lead_id) as person_key,
        case
            when email is not null then count(*) over (partition by email) else 1
        end as email_lead_count,
        case
            when email is not null
                then first_value(lead_id) over (
                        partition by email
                        order by created_at asc nulls last, lead_id asc
                        rows between unbounded preceding and unbounded following
                    )
            else lead_id
        end as primary_lead_id

    from unioned

)

select * from final
