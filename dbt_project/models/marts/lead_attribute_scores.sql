with

lead_attributes as (

    select * from {{ ref('int_leads') }}

),

rule_hits as (

    select * from {{ ref('int_lead_score_rule_hits') }}
    where score_type = 'attribute'

),

lead_totals as (

    select
        lead_id,
        sum(points) as attribute_score,
        sum(case when is_cap_adjustment then 0 else 1 end) as attribute_rules_fired,
        max(case when flag = 'needs_nurturing' then 1 else 0 end) = 1 as needs_nurturing,
        max(case when flag = 'decision_maker' then 1 else 0 end) = 1 as is_decision_maker_involved,
        {{ score_reasons_agg() }} as attribute_reasons

    from rule_hits
    group by lead_id

),

final as (

    select
        lead_attributes.lead_id,
        lead_attributes.email,
        lead_attributes.job_title,
        cast(coalesce(lead_totals.attribute_score, 0) as integer) as attribute_score,
        coalesce(lead_totals.attribute_rules_fired, 0) as attribute_rules_fired,
        coalesce(lead_totals.attribute_reasons, '') as attribute_reasons,
        coalesce(lead_totals.needs_nurturing, false) as needs_nurturing,
        coalesce(lead_totals.is_decision_maker_involved, false) as is_decision_maker_involved,
        {{ score_as_of() }} as scored_at

    from lead_attributes
    left join lead_totals
        on lead_attributes.lead_id = lead_totals.lead_id

)

select * from final
