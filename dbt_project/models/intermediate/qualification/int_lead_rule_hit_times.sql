-- Every rule hit of int_lead_score_rule_hits (cap adjustments aside) with the time it first
-- fired, for replaying how the score built up: a behavior rule fired with the activity that
-- first brought its aggregate (running count, distinct count, sum, max, count of one key) to
-- min_value inside its current window, read from the same matched activities as the score
-- (int_lead_rule_activities); attribute rules have no time (they count from the lead's
-- creation).

{#- the aggregates that read an activity's place among those of its key -#}
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

matched as (

    -- key_number: the activity's place among those of its key, which only the distinct count
    -- and the count of one key read: only their rules' activities go through that window
    -- (a sort of its own), the others get none
    select
        *,
        row_number() over (
            partition by person_key, rule_id, key_value
            order by activity_at nulls last, source_event_id nulls last
        ) as key_number

    from fired_activities
    where aggregate in {{ keyed_aggregates }}

    union all

    select
        *,
        cast(null as {{ dbt.type_bigint() }}) as key_number

    from fired_activities
    where aggregate not in {{ keyed_aggregates }}

),

running as (

    select
        person_key,
        rule_id,
        activity_at,
        aggregate,
        min_value,
        {%- set ordered = "over (partition by person_key, rule_id
            order by activity_at nulls last, source_event_id nulls last
            rows between unbounded preceding and current row)" %}
        count(*) {{ ordered }} as running_count,
        sum(
            case when key_value is not null and key_number = 1 then 1 else 0 end
        ) {{ ordered }} as running_distinct_count,
        sum(number_value) {{ ordered }} as running_sum,
        max(number_value) {{ ordered }} as running_max,
        case when key_value is not null then key_number end as key_count

    from matched

),

progress as (

    select
        person_key,
        rule_id,
        activity_at,
        aggregate,
        min_value,
        case aggregate
            when 'count' then cast(running_count as {{ type_double() }})
            when 'distinct_count' then cast(running_distinct_count as {{ type_double() }})
            when 'sum' then running_sum
            when 'max' then running_max
            when 'max_count_per_key' then cast(key_count as {{ type_double() }})
        end as running_value

    from running

),

first_fired as (

    select
        person_key,
        rule_id,
        case
            -- "days since the last" has no build-up: it holds from the last activity on
            when max(aggregate) = 'days_since_last' then max(activity_at)
            else min(
                    case
                        when min_value is null or running_value >= min_value then activity_at
                    end
                )
        end as first_fired_at

    from progress
    group by person_key, rule_id

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
