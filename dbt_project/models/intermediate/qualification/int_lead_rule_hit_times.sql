-- Every rule hit of int_lead_score_rule_hits (cap adjustments aside) with the time it first
-- fired, for replaying how the score built up: a behavior rule fired with the activity that
-- first brought its aggregate (running count, distinct count, sum, max, count of one key) to
-- min_value inside its current window, read from the same matched activities as the score
-- (int_lead_rule_activities); attribute rules have no time (they count from the lead's
-- creation).

{#- the aggregates that count within each key -#}
{%- set keyed_aggregates = "('distinct_count', 'max_count_per_key')" %}

with

rule_hits as (

    select * from {{ ref('int_lead_score_rule_hits') }}
    where not is_cap_adjustment

),

rules as (

    select * from {{ ref('stg_scoring__behavior_rules') }}

),

leads as (

    select
        lead_id,
        person_key

    from {{ ref('int_leads') }}

),

fired as (

    select distinct
        leads.person_key,
        rule_hits.rule_id

    from rule_hits
    inner join leads
        on rule_hits.lead_id = leads.lead_id
    where rule_hits.score_type = 'behavior'

),

fired_activities as {{ not_materialized() }} (

    select
        activities.person_key,
        activities.rule_id,
        activities.activity_at,
        activities.key_value,
        activities.number_value,
        activities.source_event_id,
        rules.aggregate,
        rules.min_value

    from {{ ref('int_lead_rule_activities') }} as activities
    inner join fired
        on
            activities.person_key = fired.person_key
            and activities.rule_id = fired.rule_id
    inner join rules
        on activities.rule_id = rules.rule_id

),

thresholds as (

    -- k: how many activities (or keys) bring the rule's aggregate to min_value
    select
        rule_id,
        cast(case when min_value > 1 then ceil(min_value) else 1 end as integer) as k

    from rules

),

counted as (

    select
        fired_activities.*,
        thresholds.k

    from fired_activities
    inner join thresholds
        on fired_activities.rule_id = thresholds.rule_id

),

per_rule as (

    -- the first time each aggregate reaches min_value, read without ordering the activities:
    -- a count reaches k at its k-th activity, a max at the first activity of min_value or
    -- more, "days since the last" holds from the last one. A running window sorted every
    -- fired activity: at 1M leads the model took 7.3-7.7 s, 3.4-3.7 s without
    select
        person_key,
        rule_id,
        max(aggregate) as aggregate,
        max(min_value) as min_value,
        min(activity_at) as first_at,
        max(activity_at) as last_at,
        min(case when key_value is not null then activity_at end) as first_keyed_at,
        min(case when number_value >= min_value then activity_at end) as first_reaching_at,
        {{ kth_smallest('activity_at', 'max(k)', "aggregate = 'count' and k > 1") }}
            as kth_at

    from counted
    group by person_key, rule_id

),

per_key as (

    -- a key counts for a distinct count from its first activity, and reaches a count of
    -- one key at its k-th
    select
        person_key,
        rule_id,
        key_value,
        max(k) as k,
        min(activity_at) as key_first_at,
        {{ kth_smallest('activity_at', 'max(k)', "aggregate = 'max_count_per_key' and k > 1") }}
            as key_kth_at

    from counted
    where aggregate in {{ keyed_aggregates }} and key_value is not null
    group by person_key, rule_id, key_value

),

per_keys as (

    select
        person_key,
        rule_id,
        {{ kth_smallest('key_first_at', 'max(k)') }} as kth_key_at,
        min(key_kth_at) as first_key_kth_at

    from per_key
    group by person_key, rule_id

),

running_sums as (

    -- a sum can fall as well as rise: only its rules' activities are read in order
    select
        person_key,
        rule_id,
        activity_at,
        min_value,
        sum(number_value) over (
            partition by person_key, rule_id
            order by activity_at nulls last, source_event_id nulls last
            rows between unbounded preceding and current row
        ) as running_sum

    from counted
    where aggregate = 'sum'

),

sums as (

    select
        person_key,
        rule_id,
        min(case when running_sum >= min_value then activity_at end) as first_sum_at

    from running_sums
    group by person_key, rule_id

),

first_fired as (

    -- with no min_value a rule fires with its first activity; distinct counts of at most 0
    -- hold from the first activity, at most 1 from the first with a key
    select
        per_rule.person_key,
        per_rule.rule_id,
        case
            when per_rule.aggregate = 'days_since_last' then per_rule.last_at
            when per_rule.min_value is null then per_rule.first_at
            when per_rule.aggregate = 'count' and per_rule.min_value <= 1 then per_rule.first_at
            when per_rule.aggregate = 'count' then per_rule.kth_at
            when per_rule.aggregate = 'max' then per_rule.first_reaching_at
            when per_rule.aggregate = 'sum' then sums.first_sum_at
            when per_rule.aggregate = 'distinct_count' and per_rule.min_value <= 0
                then per_rule.first_at
            when per_rule.aggregate = 'distinct_count' and per_rule.min_value <= 1
                then per_rule.first_keyed_at
            when per_rule.aggregate = 'distinct_count' then per_keys.kth_key_at
            when per_rule.aggregate = 'max_count_per_key' and per_rule.min_value <= 1
                then per_rule.first_keyed_at
            when per_rule.aggregate = 'max_count_per_key' then per_keys.first_key_kth_at
        end as first_fired_at

    from per_rule
    left join per_keys
        on
            per_rule.person_key = per_keys.person_key
            and per_rule.rule_id = per_keys.rule_id
    left join sums
        on
            per_rule.person_key = sums.person_key
            and per_rule.rule_id = sums.rule_id

),

final as (

    select
        rule_hits.lead_id,
        rule_hits.rule_id,
        rule_hits.score_type,
        rule_hits.category,
        rule_hits.points,
        first_fired.first_fired_at,
        rule_hits.last_activity_at

    from rule_hits
    left join leads
        on rule_hits.lead_id = leads.lead_id
    left join first_fired
        on
            leads.person_key = first_fired.person_key
            and rule_hits.rule_id = first_fired.rule_id

)

select * from final
