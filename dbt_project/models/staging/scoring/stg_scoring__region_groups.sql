with

source as (

    select * from {{ ref('score_region_groups') }}

),

renamed as (

    select
        nullif(trim(state), '') as state,
        lower(trim(state)) as state_key,
        lower(trim(region_group)) as region_group

    from source

),

checked as (

    select
        *,
        coalesce(
            {{ empty_problem('state') }},
            case
                when count(*) over (partition by state_key) > 1
                    then 'state is listed more than once'
            end,
            {{ empty_problem('region_group') }}
        ) as problem

    from renamed

),

final as (

    select
        state,
        state_key,
        region_group

    from checked
    where {{ fail_on_invalid_row('score_region_groups', 'state') }}

)

select * from final
