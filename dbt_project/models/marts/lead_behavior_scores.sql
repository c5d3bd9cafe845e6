with

leads as (

    select * from {{ ref('int_leads') }}

),

rule_hits as (

    select * from {{ ref('int_lead_score_rule_hits') }}
    where score_type = 'behavior'

),

lead_totals as (

    select
        lead_id,
        sum(points) as behavior_score,
        sum(case when is_cap_adjustment then 0 else 1 end) as behavior_rules_fired,
        max(last_activity_at) as last_scored_activity_at,
        {{ score_reasons_agg() }} as behavior_reasons

    from rule_hits
    group by lead_id

),

final as (

    select
        leads.lead_id,
        leads.email,
        cast(coalesce(lead_totals.behavior_score, 0) as integer) as behavior_score,
        coalesce(lead_totals.behavior_rules_fired, 0) as behavior_rules_fired,
        coalesce(lead_totals.behavior_reasons, '') as behavior_reasons,
        lead_totals.last_scored_activity_at,
        {{ score_as_of() }} as scored_at

    from leads
    left join lead_totals
        on leads.lead_id = lead_totals.lead_id

)

select * from final
