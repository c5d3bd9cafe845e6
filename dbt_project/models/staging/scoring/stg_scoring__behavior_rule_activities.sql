-- One row per activity type a behavior rule reads ('|'-separated in the seed).

with

rules as (

    select * from {{ ref('stg_scoring__behavior_rules') }}

),

exploded as (

    select
        rule_id,
        {{ exploded_list('activity') }} as activity_type

    from rules

),

final as (

    select distinct
        rule_id,
        trim(activity_type) as activity_type

    from exploded
    where trim(activity_type) <> ''

)

select * from final
