-- The score model in long form: one row per lead and fired rule with its points and the
-- reason a sales rep reads, plus one adjustment row per category whose sum passes its cap.
-- Every score and every reason in the marts is a sum or a list of these rows.

with

attribute_hits as (

    select * from {{ ref('int_lead_attribute_rule_hits') }}

),

behavior_hits as (

    select * from {{ ref('int_lead_behavior_rule_hits') }}

),

rules as (

    select * from {{ ref('int_score_rules') }}

),

caps as (

    select * from {{ ref('stg_scoring__category_caps') }}

),

hits as (

    select
        lead_id,
        rule_id,
        points,
        reason,
        flag,
        cast(null as timestamp) as last_activity_at

    from attribute_hits

    union all

    select
        lead_id,
        rule_id,
        points,
        reason,
        cast(null as {{ dbt.type_string() }}) as flag,
        last_activity_at

    from behavior_hits

),

rule_hits as (

    select
        hits.lead_id,
        hits.rule_id,
        rules.score_type,
        rules.category,
        hits.points,
        hits.reason,
        hits.flag,
        hits.last_activity_at,
        false as is_cap_adjustment

    from hits
    inner join rules
        on hits.rule_id = rules.rule_id

),

category_totals as (

    select
        lead_id,
        score_type,
        category,
        sum(points) as category_points

    from rule_hits
    group by lead_id, score_type, category

),

cap_adjustments as (

    select
        category_totals.lead_id,
        'cap:' || category_totals.category as rule_id,
        category_totals.score_type,
        category_totals.category,
        case
            when category_totals.category_points > caps.max_points
                then caps.max_points - category_totals.category_points
            when category_totals.category_points < caps.min_points
                then caps.min_points - category_totals.category_points
        end as points,
        caps.label || ' limited to '
        || cast(
            case
                when category_totals.category_points > caps.max_points then caps.max_points
                else caps.min_points
            end as {{ dbt.type_string() }}
        ) as reason,
        cast(null as {{ dbt.type_string() }}) as flag,
        cast(null as timestamp) as last_activity_at,
        true as is_cap_adjustment

    from category_totals
    inner join caps
        on category_totals.category = caps.category
    where
        category_totals.category_points > caps.max_points
        or category_totals.category_points < caps.min_points

),

final as (

    select * from rule_hits
    union all
    select * from cap_adjustments

)

select * from final
