with

source as (

    select * from {{ ref('score_attribute_bands') }}

),

renamed as (

    select
        nullif(trim(rule_id), '') as rule_id,
        lower(trim(criterion)) as criterion,
        trim(min_value) as min_value,
        trim(max_value) as max_value,
        trim(points) as points,
        nullif(trim(label), '') as label,
        {{ try_to_number('min_value') }} as min_value_number,
        {{ try_to_number('max_value') }} as max_value_number,
        {{ try_to_number('points') }} as points_number

    from source

),

row_checked as (

    select
        *,
        coalesce(
            {{ empty_problem('rule_id') }},
            case
                when count(*) over (partition by rule_id) > 1 then 'rule_id is used more than once'
            end,
            {{ accepted_problem('criterion', ['company_size', 'growth_rate', 'budget']) }},
            {{ empty_problem('points') }},
            {{ number_problem('points', whole=true) }},
            {{ number_problem('min_value') }},
            {{ number_problem('max_value') }},
            {{ empty_problem('label') }}
        ) as row_problem

    from renamed

),

ordered as (

    select
        *,
        count(row_problem) over (partition by criterion) as criterion_problems,
        {{ band_neighbours('criterion', 'min_value', 'max_value', 'rule_id') }}

    from row_checked

),

checked as (

    select
        *,
        coalesce(
            row_problem,
            case when criterion_problems = 0 then {{ band_problem('min_value', 'max_value') }} end
        ) as problem

    from ordered

),

final as (

    select
        rule_id,
        criterion,
        min_value_number as min_value,
        max_value_number as max_value,
        cast(points_number as integer) as points,
        label

    from checked
    where {{ fail_on_invalid_row('score_attribute_bands', 'rule_id') }}

)

select * from final
