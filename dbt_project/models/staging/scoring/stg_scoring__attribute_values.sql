with

source as (

    select * from {{ ref('score_attribute_values') }}

),

renamed as (

    select
        nullif(trim(rule_id), '') as rule_id,
        lower(trim(criterion)) as criterion,
        nullif(trim(match_value), '') as match_value,
        lower(trim(match_value)) as match_key,
        trim(points) as points,
        lower(coalesce(nullif(trim(needs_nurturing), ''), 'false')) as needs_nurturing,
        nullif(trim(label), '') as label,
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
            {{ accepted_problem('criterion',
                ['industry', 'region', 'purchase_timeline', 'job_role', 'email_domain_type']) }},
            {{ empty_problem('match_value') }},
            case
                when criterion = 'job_role'
                    then {{ accepted_problem('match_key',
                        ['decision_maker', 'decision_maker_flag', 'staff', 'other']) }}
                when criterion = 'email_domain_type'
                    then {{ accepted_problem('match_key', ['free_mail', 'competitor']) }}
            end,
            case
                when count(*) over (partition by criterion, match_key) > 1
                    then 'another row of criterion ' || criterion
                        || ' matches "' || match_value || '"'
            end,
            {{ empty_problem('points') }},
            {{ number_problem('points', whole=true) }},
            {{ accepted_problem('needs_nurturing', ['true', 'false']) }},
            {{ empty_problem('label') }}
        ) as problem

    from renamed

),

final as (

    select
        rule_id,
        criterion,
        match_value,
        match_key,
        cast(points_number as integer) as points,
        needs_nurturing = 'true' as needs_nurturing,
        label

    from checked
    where {{ fail_on_invalid_row('score_attribute_values', 'rule_id') }}

)

select * from final
