with

leads as (

    select * from {{ ref('int_leads') }}

),

attribute_scores as (

    select * from {{ ref('lead_attribute_scores') }}

),

behavior_scores as (

    select * from {{ ref('lead_behavior_scores') }}

),

tiers as (

    select * from {{ ref('stg_scoring__tiers') }}

),

scored as (

    select
        leads.lead_id,
        leads.email,
        leads.primary_lead_id,
        leads.email_lead_count,
        attribute_scores.attribute_score,
        behavior_scores.behavior_score,
        attribute_scores.attribute_score + behavior_scores.behavior_score as total_score,
        case
            when attribute_scores.attribute_reasons = '' then behavior_scores.behavior_reasons
            when behavior_scores.behavior_reasons = '' then attribute_scores.attribute_reasons
            else attribute_scores.attribute_reasons || '; ' || behavior_scores.behavior_reasons
        end as score_reasons,
        attribute_scores.attribute_rules_fired
        + behavior_scores.behavior_rules_fired as rules_fired,
        attribute_scores.needs_nurturing,
        attribute_scores.is_decision_maker_involved,
        behavior_scores.last_scored_activity_at,
        attribute_scores.scored_at

    from leads
    inner join attribute_scores
        on leads.lead_id = attribute_scores.lead_id
    inner join behavior_scores
        on leads.lead_id = behavior_scores.lead_id

),

final as (

    select
        scored.lead_id,
        scored.email,
        scored.attribute_score,
        scored.behavior_score,
        scored.total_score,
        tiers.tier,
        scored.score_reasons,
        scored.needs_nurturing,
        scored.rules_fired,
        scored.is_decision_maker_involved,
        scored.last_scored_activity_at,
        scored.primary_lead_id,
        scored.lead_id <> scored.primary_lead_id as is_duplicate_email,
        scored.email_lead_count,
        scored.scored_at

    from scored
    inner join tiers
        on
            (tiers.min_score is null or scored.total_score >= tiers.min_score)
            and (tiers.max_score is null or scored.total_score < tiers.max_score)

)

select * from final
