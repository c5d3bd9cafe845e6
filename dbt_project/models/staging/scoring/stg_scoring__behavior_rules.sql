with

source as (

    select * from {{ ref('score_behavior_rules') }}

),

renamed as (

    select
        nullif(trim(rule_id), '') as rule_id,
        lower(trim(category)) as category,
        lower(nullif(trim(exclusive_group), '')) as exclusive_group,
        lower(trim(activity_type)) as activity_type,
        lower(nullif(trim(activity_detail), '')) as activity_detail,
        lower(trim(count_scope)) as count_scope,
        trim(min_count) as min_count,
        trim(window_days) as window_days,
        trim(decay_after_days) as decay_after_days,
        trim(decay_factor) as decay_factor,
        trim(points) as points,
        nullif(trim(label), '') as label,
        {{ try_to_number('min_count') }} as min_count_number,
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
            case
                when count(*) over (partition by rule_id) > 1 then 'rule_id is used more than once'
            end,
            {{ empty_problem('category') }},
            {{ accepted_problem('activity_type', activity_types()) }},
            {{ accepted_problem('count_scope', ['total', 'per_key']) }},
            {{ empty_problem('min_count') }},
            {{ number_problem('min_count', whole=true) }},
            case when min_count_number < 1 then 'min_count must be at least 1' end,
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
        activity_type,
        activity_detail,
        count_scope,
        cast(min_count_number as integer) as min_count,
        window_days_number as window_days,
        decay_after_days_number as decay_after_days,
        coalesce(decay_factor_number, 1) as decay_factor,
        cast(points_number as integer) as points,
        label

    from checked
    where {{ fail_on_invalid_row('score_behavior_rules', 'rule_id') }}

)

select * from final
