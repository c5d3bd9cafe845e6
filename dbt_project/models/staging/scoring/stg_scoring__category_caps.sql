with

source as (

    select * from {{ ref('score_category_caps') }}

),

rule_categories as (

    select category from {{ ref('stg_scoring__attribute_rules') }}
    union
    select category from {{ ref('stg_scoring__behavior_rules') }}

),

renamed as (

    select
        lower(trim(category)) as category,
        trim(min_points) as min_points,
        trim(max_points) as max_points,
        nullif(trim(label), '') as label,
        {{ try_to_number('min_points') }} as min_points_number,
        {{ try_to_number('max_points') }} as max_points_number

    from source

),

checked as (

    select
        *,
        coalesce(
            {{ empty_problem('category') }},
            {{ repeated_problem('category') }},
            case
                when category not in (select rule_categories.category from rule_categories)
                    then 'no rule has category "' || category || '"'
            end,
            {{ number_problem('min_points', whole=true) }},
            {{ number_problem('max_points', whole=true) }},
            case
                when min_points_number is null and max_points_number is null
                    then 'set min_points, max_points or both'
                when min_points_number > max_points_number
                    then 'min_points ' || min_points || ' is above max_points ' || max_points
            end,
            {{ empty_problem('label') }}
        ) as problem

    from renamed

),

final as (

    select
        category,
        cast(min_points_number as integer) as min_points,
        cast(max_points_number as integer) as max_points,
        label

    from checked
    where {{ fail_on_invalid_row('score_category_caps', 'category') }}

)

select * from final
