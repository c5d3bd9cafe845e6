-- Every scoring rule of every rule seed in one list, with its score type and category.
-- Stops the build when one rule_id is used in two seeds.

with

attribute_rules as (

    select * from {{ ref('stg_scoring__attribute_rules') }}

),

behavior_rules as (

    select * from {{ ref('stg_scoring__behavior_rules') }}

),

unioned as (

    select
        rule_id,
        'attribute' as score_type,
        category,
        points,
        label,
        'score_attribute_rules' as seed_name

    from attribute_rules

    union all

    select
        rule_id,
        'behavior' as score_type,
        category,
        points,
        label,
        'score_behavior_rules' as seed_name

    from behavior_rules

),

checked as (

    select
        *,
        case
            when count(*) over (partition by rule_id) > 1
                then 'rule_id is also used in another rule seed'
        end as problem

    from unioned

),

final as (

    select
        rule_id,
        score_type,
        category,
        points,
        label,
        seed_name

    from checked
    where
        {{ fail_on_problem('problem',
            "'Invalid scoring rule in seed ' || seed_name || ', row rule_id=\"' || rule_id || '\": ' || problem") }}

)

select * from final
