-- Which score rules predict conversion, to tune the weights: for every rule of the rule seeds,
-- the conversion rate of leads it fires for against the leads it does not fire for, the lift
-- (the ratio of the two) and the same for won deals: evidence, one rule at a time. It suggests
-- no points: rules fire for overlapping leads and compete in exclusive groups, so points come
-- from `lead-scoring fit`, which fits all rules at once on held-out leads (docs/scoring.md,
-- "Tune the points").
-- Rates are smoothed towards the overall rate with the weight of var feedback_lift_prior_leads
-- leads, so small groups do not give extreme lifts. has_enough_evidence needs at least
-- var feedback_lift_min_leads leads with and without the rule.
-- Caveats: scores are today's and outcomes happened earlier, and reps mostly work leads that
-- showed buying signals, so the rules for those signals look stronger than they are.
{%- set prior = var('feedback_lift_prior_leads') %}

with

leads as (

    select * from {{ ref('lead_qualification') }}

),

lead_scores as (

    select * from {{ ref('lead_scores') }}

),

rule_hits as (

    select * from {{ ref('int_lead_score_rule_hits') }}
    where not is_cap_adjustment

),

rules as (

    select * from {{ ref('int_score_rules') }}

),

population as (

    -- duplicate records of one e-mail count once (the primary lead)
    select
        leads.lead_id,
        case when leads.is_converted then 1 else 0 end as converted,
        case when leads.is_won then 1 else 0 end as won

    from leads
    inner join lead_scores
        on leads.lead_id = lead_scores.lead_id
    where not lead_scores.is_duplicate_email

),

totals as (

    select
        count(*) as leads,
        sum(converted) as converted,
        sum(won) as won

    from population

),

fired as (

    select
        rule_hits.rule_id,
        count(*) as leads_fired,
        sum(population.converted) as converted_fired,
        sum(population.won) as won_fired

    from rule_hits
    inner join population
        on rule_hits.lead_id = population.lead_id
    group by rule_hits.rule_id

),

counts as (

    select
        rules.rule_id,
        rules.score_type,
        rules.category,
        rules.label,
        rules.points as current_points,
        coalesce(fired.leads_fired, 0) as leads_fired,
        totals.leads - coalesce(fired.leads_fired, 0) as leads_not_fired,
        coalesce(fired.converted_fired, 0) as converted_fired,
        totals.converted - coalesce(fired.converted_fired, 0) as converted_not_fired,
        coalesce(fired.won_fired, 0) as won_fired,
        totals.won - coalesce(fired.won_fired, 0) as won_not_fired,
        cast(totals.converted as {{ type_double() }}) / nullif(totals.leads, 0)
            as base_conversion_rate,
        cast(totals.won as {{ type_double() }}) / nullif(totals.leads, 0) as base_won_rate

    from rules
    cross join totals
    left join fired
        on rules.rule_id = fired.rule_id

),

lifts as (

    select
        *,
        (converted_fired + {{ prior }} * base_conversion_rate) / (leads_fired + {{ prior }})
        / nullif(
            (converted_not_fired + {{ prior }} * base_conversion_rate)
            / (leads_not_fired + {{ prior }}),
            0
        ) as lift,
        (won_fired + {{ prior }} * base_won_rate) / (leads_fired + {{ prior }})
        / nullif((won_not_fired + {{ prior }} * base_won_rate) / (leads_not_fired + {{ prior }}), 0)
            as won_lift,
        leads_fired >= {{ var('feedback_lift_min_leads') }}
        and leads_not_fired >= {{ var('feedback_lift_min_leads') }}
        and base_conversion_rate > 0 as has_enough_evidence

    from counts

),

final as (

    select
        rule_id,
        score_type,
        category,
        label,
        current_points,
        leads_fired,
        leads_not_fired,
        converted_fired,
        converted_not_fired,
        {{ rate('converted_fired', 'leads_fired') }} as conversion_rate_fired,
        {{ rate('converted_not_fired', 'leads_not_fired') }} as conversion_rate_not_fired,
        round(lift, 3) as lift,
        won_fired,
        {{ rate('won_fired', 'leads_fired') }} as won_rate_fired,
        {{ rate('won_not_fired', 'leads_not_fired') }} as won_rate_not_fired,
        round(won_lift, 3) as won_lift,
        has_enough_evidence,
        case
            when has_enough_evidence
                then rank() over (
                        partition by has_enough_evidence order by lift desc, rule_id asc
                    )
        end as lift_rank,
        'lead-scoring fit' as points_source

    from lifts

)

select * from final
