-- Every rule hit of int_lead_score_rule_hits (cap adjustments aside) with the time it first
-- fired, for replaying how the score built up: a behavior rule fired with its min_count-th
-- matching activity inside its current window (per_key: of the first key to get there);
-- attribute rules have no time (they count from the lead's creation). Matching repeats the
-- one of int_lead_behavior_rule_hits (activity type, optional detail, window).

with

rule_hits as (

    select * from {{ ref('int_lead_score_rule_hits') }}
    where not is_cap_adjustment

),

behavior_rules as (

    select * from {{ ref('stg_scoring__behavior_rules') }}

),

activities as (

    select * from {{ ref('int_lead_activities') }}

),

lead_emails as (

    select
        lead_id,
        email

    from {{ ref('stg_zoho__leads') }}
    where email is not null

),

fired as (

    select distinct
        lead_emails.email,
        rule_hits.rule_id

    from rule_hits
    inner join lead_emails
        on rule_hits.lead_id = lead_emails.lead_id
    where rule_hits.score_type = 'behavior'

),

matched as (

    select
        activities.email,
        behavior_rules.rule_id,
        behavior_rules.min_count,
        case
            when behavior_rules.count_scope = 'per_key' then activities.activity_key
        end as count_key,
        activities.activity_at

    from activities
    inner join behavior_rules
        on
            activities.activity_type = behavior_rules.activity_type
            and (
                behavior_rules.activity_detail is null
                or activities.activity_detail = behavior_rules.activity_detail
            )
    inner join fired
        on
            activities.email = fired.email
            and behavior_rules.rule_id = fired.rule_id
    where
        behavior_rules.window_days is null
        or {{ seconds_before_as_of('activities.activity_at') }}
        <= behavior_rules.window_days * 86400

),

first_of_single as (

    select
        email,
        rule_id,
        min(activity_at) as first_fired_at

    from matched
    where min_count <= 1
    group by email, rule_id

),

numbered as (

    select
        email,
        rule_id,
        min_count,
        activity_at,
        row_number() over (
            partition by email, rule_id, count_key
            order by activity_at
        ) as activity_number

    from matched
    where min_count > 1

),

first_of_several as (

    select
        email,
        rule_id,
        min(activity_at) as first_fired_at

    from numbered
    where activity_number = min_count
    group by email, rule_id

),

first_fired as (

    select * from first_of_single
    union all
    select * from first_of_several

),

final as (

    select
        rule_hits.lead_id,
        rule_hits.rule_id,
        rule_hits.score_type,
        rule_hits.category,
        rule_hits.points,
        first_fired.first_fired_at,
        rule_hits.last_activity_at

    from rule_hits
    left join lead_emails
        on rule_hits.lead_id = lead_emails.lead_id
    left join first_fired
        on
            lead_emails.email = first_fired.email
            and rule_hits.rule_id = first_fired.rule_id

)

select * from final
