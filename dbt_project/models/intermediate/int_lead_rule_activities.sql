-- The one place behavior rules meet activities: one row per person, rule and activity that the
-- rule reads (its activity type, its where_property filter, inside its window of whole days in
-- the schedule's zone: see days_before_as_of), with the property the rule's aggregate reads as
-- text (key_value) and as a number (number_value). The score (int_lead_behavior_rule_hits) and
-- the score timeline both read this model.

with

activities as (

    select * from {{ ref('int_lead_activities') }}

),

rules as (

    select * from {{ ref('stg_scoring__behavior_rules') }}

),

rule_activities as (

    select * from {{ ref('stg_scoring__behavior_rule_activities') }}

),

filters as (

    select * from {{ ref('stg_scoring__behavior_rule_filters') }}

),

in_window as (

    select
        activities.person_key,
        rules.rule_id,
        rules.where_property,
        rules.property,
        activities.activity_at,
        activities.properties,
        activities.source_event_id

    from activities
    inner join rule_activities
        on activities.activity_type = rule_activities.activity_type
    inner join rules
        on rule_activities.rule_id = rules.rule_id
    where
        rules.window_days is null
        or {{ days_before_as_of('activities.activity_at') }} <= rules.window_days

),

filtered as (

    select in_window.*
    from in_window
    left join filters
        on
            in_window.rule_id = filters.rule_id
            and lower(trim({{ json_text_at('in_window.properties', 'in_window.where_property') }}))
            = filters.where_value
    where in_window.where_property is null or filters.rule_id is not null

),

final as (

    select
        person_key,
        rule_id,
        activity_at,
        {{ json_text_at('properties', 'property') }} as key_value,
        {{ try_to_number(json_text_at('properties', 'property')) }} as number_value,
        source_event_id

    from filtered

)

select * from final
