-- Each lead's outcome as the profile's lead_mapping defines it: converted when a field of
-- the lead holds one of the `outcome` values and none of the `lost` values (a lost lead is
-- never converted). CRM leads read the crm rows, imported leads the leads rows.

with

leads as (

    select * from {{ ref('int_leads') }}

),

field_values as (

    select * from {{ ref('int_lead_field_values') }}

),

outcome_values as (

    select * from {{ ref('stg_scoring__outcome_values') }}

),

matched as (

    select
        leads.lead_id,
        max(case when outcome_values.role = 'outcome' then 1 else 0 end) = 1 as has_outcome,
        max(case when outcome_values.role = 'lost' then 1 else 0 end) = 1 as has_lost

    from leads
    inner join field_values
        on leads.lead_id = field_values.lead_id
    inner join outcome_values
        on
            leads.source_system = outcome_values.source_system
            and field_values.field_key = outcome_values.field_key
            and lower(trim(field_values.field_value)) = outcome_values.outcome_value
    group by leads.lead_id

),

final as (

    select
        leads.lead_id,
        coalesce(matched.has_outcome and not matched.has_lost, false) as is_converted,
        coalesce(matched.has_lost, false) as is_lost

    from leads
    left join matched
        on leads.lead_id = matched.lead_id

)

select * from final
