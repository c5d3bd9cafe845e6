{#- The ids of CRM leads still in the CRM: every id landed, less those deleted (or merged away)
    after their latest version. What stg_zoho__leads must hold one row for. -#}
{% macro live_crm_lead_ids() -%}
    (
        select distinct leads.id
        from {{ source('zoho', 'crm_leads') }} as leads
        where
            leads.id is not null
            and leads.id not in (
                select deleted.lead_id
                from {{ ref('stg_zoho__deleted_leads') }} as deleted
                where deleted.deleted_at >= (
                    select max({{ parse_iso_timestamp('versions.modified_time') }})
                    from {{ source('zoho', 'crm_leads') }} as versions
                    where versions.id = deleted.lead_id
                )
            )
    )
{%- endmacro %}
