-- The lead's current score replayed over time, to tell when the qualification criteria were
-- met: one row per lead and moment its running score changed, with the running scores.
-- Attribute rules count from the lead's creation, behavior rules from the activity that first
-- made them fire (never before the creation); category caps apply as the points add up, so
-- the last moment holds the lead's score.
-- After a recycle (Sales_Disposition = Recycled) the lead's cycle starts again: attribute
-- rules count from the recycle, and only behavior rules with activity after it count, from
-- their latest activity. Every lead has a first moment (its creation or recycle).

with

hit_times as (

    select * from {{ ref('int_lead_rule_hit_times') }}

),

facts as (

    select * from {{ ref('int_lead_qualification_facts') }}

),

caps as (

    select * from {{ ref('stg_scoring__category_caps') }}

),

anchors as (

    select
        lead_id,
        recycled_at,
        coalesce(recycled_at, created_at, {{ score_as_of() }}) as cycle_started_at

    from facts

),

counted as (

    select
        hit_times.lead_id,
        hit_times.rule_id,
        hit_times.score_type,
        hit_times.category,
        hit_times.points,
        case
            when hit_times.score_type = 'attribute' then anchors.cycle_started_at
            when anchors.recycled_at is not null then hit_times.last_activity_at
            else {{ latest_of([
                'coalesce(hit_times.first_fired_at, hit_times.last_activity_at)',
                'anchors.cycle_started_at',
            ]) }}
        end as counted_at

    from hit_times
    inner join anchors
        on hit_times.lead_id = anchors.lead_id
    where
        hit_times.score_type = 'attribute'
        or anchors.recycled_at is null
        or hit_times.last_activity_at > anchors.recycled_at

),

running_categories as (

    -- only a capped category's hits are added up in order: an uncapped hit counts its points
    -- whenever it comes, and the window sorted every hit (attribute rules have no caps here)
    select
        counted.*,
        caps.min_points,
        caps.max_points,
        sum(counted.points) over (
            partition by counted.lead_id, counted.score_type, counted.category
            order by counted.counted_at nulls last, counted.rule_id nulls last
            rows between unbounded preceding and current row
        ) as category_points

    from counted
    inner join caps
        on counted.category = caps.category

),

capped as (

    -- what each hit adds to its category's capped sum
    select
        lead_id,
        score_type,
        points,
        counted_at,
        {{ clamp_points('category_points', 'min_points', 'max_points') }}
        - {{ clamp_points('(category_points - points)', 'min_points', 'max_points') }}
            as counted_points

    from running_categories

    union all

    select
        counted.lead_id,
        counted.score_type,
        counted.points,
        counted.counted_at,
        counted.points as counted_points

    from counted
    left join caps
        on counted.category = caps.category
    where caps.category is null

),

changes as (

    select
        lead_id,
        counted_at as moment_at,
        counted_points as total_points,
        case when score_type = 'attribute' then counted_points else 0 end as attribute_points,
        case when score_type = 'behavior' then counted_points else 0 end as behavior_points,
        case when score_type = 'behavior' and points > 0 then 1 else 0 end as positive_rules

    from capped

    union all

    select
        lead_id,
        cycle_started_at as moment_at,
        0 as total_points,
        0 as attribute_points,
        0 as behavior_points,
        0 as positive_rules

    from anchors

),

moments as (

    select
        lead_id,
        moment_at,
        sum(total_points) as total_points,
        sum(attribute_points) as attribute_points,
        sum(behavior_points) as behavior_points,
        sum(positive_rules) as positive_rules

    from changes
    group by lead_id, moment_at

),

final as (

    select
        lead_id,
        moment_at,
        cast(sum(total_points) over (
            partition by lead_id order by moment_at
            rows between unbounded preceding and current row
        ) as integer) as total_score,
        cast(sum(attribute_points) over (
            partition by lead_id order by moment_at
            rows between unbounded preceding and current row
        ) as integer) as attribute_score,
        cast(sum(behavior_points) over (
            partition by lead_id order by moment_at
            rows between unbounded preceding and current row
        ) as integer) as behavior_score,
        cast(sum(positive_rules) over (
            partition by lead_id order by moment_at
            rows between unbounded preceding and current row
        ) as integer) as positive_behavior_rules,
        row_number() over (partition by lead_id order by moment_at desc) = 1 as is_latest

    from moments

)

select * from final
