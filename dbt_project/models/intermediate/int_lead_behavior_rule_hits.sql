-- Behavior (engagement) rules that fire for each lead. The activities a rule reads
-- (int_lead_rule_activities) are aggregated per person (count, distinct count, sum or max of
-- a property, most activities of one key, days since the last one); the rule fires when the
-- aggregate is in [min_value, max_value). Points decay when the latest activity is older than
-- decay_after_days; of an exclusive group only the strongest rule fires; every lead of the
-- person (leads sharing an e-mail) gets the hit.

with

matched as (

    select * from {{ ref('int_lead_rule_activities') }}

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

per_key as (

    -- one row per person, rule and key (key_value, null included): the rule's activities are
    -- read once, and every aggregate below is one of these rows' sums, counts or maxima
    select
        person_key,
        rule_id,
        key_value,
        count(*) as key_count,
        sum(number_value) as value_sum,
        max(number_value) as value_max,
        max(activity_at) as last_activity_at

    from matched
    group by person_key, rule_id, key_value

),

aggregated as (

    select
        person_key,
        rule_id,
        cast(sum(key_count) as {{ dbt.type_bigint() }}) as activity_count,
        count(key_value) as distinct_count,
        sum(value_sum) as value_sum,
        max(value_max) as value_max,
        max(case when key_value is not null then key_count end) as max_count_per_key,
        max(last_activity_at) as last_activity_at

    from per_key
    group by person_key, rule_id

),

measured as (

    select
        aggregated.person_key,
        aggregated.rule_id,
        aggregated.activity_count,
        aggregated.last_activity_at,
        case rules.aggregate
            when 'count' then cast(aggregated.activity_count as {{ type_double() }})
            when 'distinct_count' then cast(aggregated.distinct_count as {{ type_double() }})
            when 'sum' then aggregated.value_sum
            when 'max' then aggregated.value_max
            when 'max_count_per_key'
                then cast(aggregated.max_count_per_key as {{ type_double() }})
            when 'days_since_last'
                then floor({{ seconds_before_as_of('aggregated.last_activity_at') }} / 86400.0)
        end as aggregate_value

    from aggregated
    inner join rules
        on aggregated.rule_id = rules.rule_id

),

qualified as (

    select
        measured.*,
        rules.category,
        rules.exclusive_group,
        rules.label,
        rules.decay_after_days,
        rules.decay_factor,
        rules.points as full_points,
        coalesce(
            {{ seconds_before_as_of('measured.last_activity_at') }}
            > rules.decay_after_days * 86400,
            false
        ) as is_decayed

    from measured
    inner join rules
        on measured.rule_id = rules.rule_id
    where
        measured.aggregate_value is not null
        and (rules.min_value is null or measured.aggregate_value >= rules.min_value)
        and (rules.max_value is null or measured.aggregate_value < rules.max_value)

),

awarded as (

    select
        *,
        case
            when is_decayed then cast(round(full_points * decay_factor) as integer)
            else full_points
        end as points

    from qualified

),

strongest_in_group as (

    select
        *,
        row_number() over (
            partition by person_key, exclusive_group
            order by abs(points) desc, rule_id
        ) as group_rank

    from awarded

),

final as (

    select
        leads.lead_id,
        strongest_in_group.rule_id,
        strongest_in_group.category,
        strongest_in_group.points,
        case
            when strongest_in_group.is_decayed
                then strongest_in_group.label || ' (over '
                    || cast(
                        cast(strongest_in_group.decay_after_days as integer)
                        as {{ dbt.type_string() }}
                    )
                    || ' days ago)'
            else strongest_in_group.label
        end as reason,
        strongest_in_group.is_decayed,
        strongest_in_group.activity_count,
        strongest_in_group.aggregate_value,
        strongest_in_group.last_activity_at

    from strongest_in_group
    inner join leads
        on strongest_in_group.person_key = leads.person_key
    where strongest_in_group.group_rank = 1

)

select * from final
