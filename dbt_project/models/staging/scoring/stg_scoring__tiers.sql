with

source as (

    select * from {{ ref('score_tiers') }}

),

renamed as (

    select
        nullif(trim(tier), '') as tier,
        trim(min_score) as min_score,
        trim(max_score) as max_score,
        {{ try_to_number('min_score') }} as min_score_number,
        {{ try_to_number('max_score') }} as max_score_number

    from source

),

row_checked as (

    select
        *,
        coalesce(
            {{ empty_problem('tier') }},
            {{ repeated_problem('tier') }},
            {{ number_problem('min_score', whole=true) }},
            {{ number_problem('max_score', whole=true) }}
        ) as row_problem

    from renamed

),

ordered as (

    select
        *,
        count(row_problem) over () as all_problems,
        count(*) over () as tier_count,
        {{ band_neighbours(none, 'min_score', 'max_score', 'tier') }}

    from row_checked

),

checked as (

    select
        *,
        coalesce(
            row_problem,
            case
                when all_problems = 0 then {{ band_problem('min_score', 'max_score') }}
            end,
            -- every score must get a tier
            case
                when band_number = 1 and min_score_number is not null
                    then 'the lowest tier must have an empty min_score (scores below '
                        || min_score || ' would get no tier)'
                when band_number = tier_count and max_score_number is not null
                    then 'the highest tier must have an empty max_score (scores from '
                        || max_score || ' would get no tier)'
            end
        ) as problem

    from ordered

),

final as (

    select
        tier,
        cast(min_score_number as integer) as min_score,
        cast(max_score_number as integer) as max_score

    from checked
    where {{ fail_on_invalid_row('score_tiers', 'tier') }}

)

select * from final
