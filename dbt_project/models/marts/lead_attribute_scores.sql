with

lead_attributes as (

    select * from {{ ref('int_leads') }}

),

totals as (

    select * from {{ ref('int_lead_score_totals') }}

),

final as (

    select
        lead_attributes.lead_id,
        lead_attributes.email,
        lead_attributes.job_title,
        cast(coalesce(totals.attribute_score, 0) as integer) as attribute_score,
        coalesce(totals.attribute_rules_fired, 0) as attribute_rules_fired,
        coalesce(totals.attribute_reasons, '') as attribute_reasons,
        coalesce(totals.needs_nurturing, false) as needs_nurturing,
        coalesce(totals.is_decision_maker_involved, false) as is_decision_maker_involved,
        {{ score_as_of() }} as scored_at

    from lead_attributes
    left join totals
        on lead_attributes.lead_id = totals.lead_id

)

select * from final
