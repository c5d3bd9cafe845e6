-- One row per value that makes a lead converted (role outcome) or lost (role lost), per
-- source of leads: crm (the CRM's own leads) or leads (imported leads).

with

mapping as (

    select * from {{ ref('stg_scoring__lead_mapping') }}
    where role in ('outcome', 'lost')

),

exploded as (

    select
        case when entity = 'crm' then 'crm' else 'import' end as source_system,
        role,
        column_name,
        {{ exploded_list('mapping_values') }} as raw_value

    from mapping

),

final as (

    select distinct
        source_system,
        role,
        column_name,
        lower(column_name) as field_key,
        lower(trim(raw_value)) as outcome_value

    from exploded
    where trim(raw_value) <> ''

)

select * from final
