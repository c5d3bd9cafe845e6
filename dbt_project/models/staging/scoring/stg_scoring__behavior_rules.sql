-- score_behavior_rules typed and checked: one behavior (engagement) rule per row, on any
-- activity (web page or track event, e-mail event, imported activity) with an aggregate
-- (count, distinct count, sum or max of a property, days since the last one) that must fall
-- in [min_value, max_value). The build stops on the first malformed row, naming it.

with

source as (

    select * from {{ ref('score_behavior_rules') }}

),

renamed as (

    select
        nullif(trim(rule_id), '') as rule_id,
        lower(trim(category)) as category,
        lower(nullif(trim(exclusive_group), '')) as exclusive_group,
        lower(nullif(trim(activity), '')) as activity,
        nullif(trim(where_property), '') as where_property,
        nullif(trim(where_values), '') as where_values,
        lower(coalesce(nullif(trim(aggregate), ''), 'count')) as aggregate,
        nullif(trim(property), '') as property,
        trim(min_value) as min_value,
        trim(max_value) as max_value,
        trim(window_days) as window_days,
        trim(decay_after_days) as decay_after_days,
        trim(decay_factor) as decay_factor,
        trim(points) as points,
        nullif(trim(label), '') as label,
        {{ try_to_number('min_value') }} as min_value_number,
        {{ try_to_number('max_value') }} as max_value_number,
        {{ try_to_number('window_days') }} as window_days_number,
        {{ try_to_number('decay_after_days') }} as decay_after_days_number,
        {{ try_to_number('decay_factor') }} as decay_factor_number,
        {{ try_to_number('points') }} as points_number

    from source

),

checked as (

    select
        *,
        coalesce(
            {{ empty_problem('rule_id') }},
            {{ repeated_problem('rule_id') }},
            {{ empty_problem('category') }},
            {{ empty_problem('activity') }},
            {{ accepted_problem('aggregate', activity_aggregates()) }},
            case
                when aggregate in ('distinct_count', 'sum', 'max', 'max_count_per_key')
                    and property is null
                    then 'aggregate ' || aggregate || ' needs a property'
                when where_property is not null and where_values is null
                    then 'where_property needs where_values'
                when where_property is null and where_values is not null
                    then 'where_values needs a where_property'
                when where_property like '%"%' or property like '%"%'
                    then 'property names must not contain a double quote'
            end,
            {{ number_problem('min_value') }},
            {{ number_problem('max_value') }},
            case
                when min_value_number is null and max_value_number is null
                    then 'set min_value, max_value or both'
                when min_value_number >= max_value_number
                    then 'min_value ' || min_value || ' is not below max_value ' || max_value
                when aggregate <> 'days_since_last' and coalesce(min_value_number, 0) <= 0
                    then 'min_value must be above 0 (a rule fires on activities the lead had)'
            end,
            {{ number_problem('window_days') }},
            case when window_days_number <= 0 then 'window_days must be above 0' end,
            {{ number_problem('decay_after_days') }},
            {{ number_problem('decay_factor') }},
            case
                when decay_after_days_number is not null and decay_factor_number is null
                    then 'decay_after_days needs a decay_factor'
                when decay_factor_number < 0 or decay_factor_number > 1
                    then 'decay_factor must be between 0 and 1'
                when decay_after_days_number < 0 then 'decay_after_days must not be negative'
                when decay_after_days_number >= window_days_number
                    then 'decay_after_days must be below window_days'
            end,
            {{ empty_problem('points') }},
            {{ number_problem('points', whole=true) }},
            {{ empty_problem('label') }}
        ) as problem

    from renamed

),

final as (

    select
        rule_id,
        category,
        coalesce(exclusive_group, rule_id) as exclusive_group,
        activity,
        where_property,
        where_values,
        aggregate,
        property,
        min_value_number as min_value,
        max_value_number as max_value,
        window_days_number as window_days,
        decay_after_days_number as decay_after_days,
        coalesce(decay_factor_number, 1) as decay_factor,
        cast(points_number as integer) as points,
        label

    from checked
    where {{ fail_on_invalid_row('score_behavior_rules', 'rule_id') }}

)

select * from final
