with

leads as (

    select * from {{ ref('int_leads') }}

),

totals as (

    select * from {{ ref('int_lead_score_totals') }}

),

latest_activities as (

    -- changes with every activity, so not kept with the totals
    select
        lead_id,
        max(last_activity_at) as last_scored_activity_at

    from {{ ref('int_lead_score_rule_hits') }}
    where score_type = 'behavior'
    group by lead_id

),

final as (

    select
        leads.lead_id,
        leads.email,
        cast(coalesce(totals.behavior_score, 0) as integer) as behavior_score,
        coalesce(totals.behavior_rules_fired, 0) as behavior_rules_fired,
        coalesce(totals.behavior_reasons, '') as behavior_reasons,
        latest_activities.last_scored_activity_at,
        {{ score_as_of() }} as scored_at

    from leads
    left join totals
        on leads.lead_id = totals.lead_id
    left join latest_activities
        on leads.lead_id = latest_activities.lead_id

)

select * from final
