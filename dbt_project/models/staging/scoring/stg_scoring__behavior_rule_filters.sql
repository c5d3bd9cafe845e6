-- One row per value a behavior rule's where_property must hold ('|'-separated in the seed),
-- lower case and trimmed; rules without a where_property have none.

with

rules as (

    select * from {{ ref('stg_scoring__behavior_rules') }}
    where where_property is not null

),

exploded as (

    select
        rule_id,
        {{ exploded_list('where_values') }} as raw_value

    from rules

),

final as (

    select distinct
        rule_id,
        lower(trim(raw_value)) as where_value

    from exploded
    where trim(raw_value) <> ''

)

select * from final
