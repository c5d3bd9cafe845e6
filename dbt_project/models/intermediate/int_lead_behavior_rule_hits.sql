-- Behavior (engagement) rules that fire for each lead. Activities are matched to rules in one
-- join (activity type and optional detail, inside the rule's window), counted per person and
-- rule, decayed by age, reduced to the strongest rule of each exclusive group, and handed to
-- every lead with that e-mail (duplicate leads share one person's behavior).

with

activities as (

    select * from {{ ref('int_lead_activities') }}

),

rules as (

    select * from {{ ref('stg_scoring__behavior_rules') }}

),

lead_emails as (

    select
        lead_id,
        email

    from {{ ref('stg_zoho__leads') }}
    where email is not null

),

matched as (

    select
        activities.email,
        rules.rule_id,
        rules.min_count,
        case when rules.count_scope = 'per_key' then activities.activity_key end as count_key,
        activities.activity_at

    from activities
    inner join rules
        on
            activities.activity_type = rules.activity_type
            and (
                rules.activity_detail is null
                or activities.activity_detail = rules.activity_detail
            )
    where
        rules.window_days is null
        or {{ seconds_before_as_of('activities.activity_at') }} <= rules.window_days * 86400

),

counted as (

    select
        email,
        rule_id,
        min_count,
        count_key,
        count(*) as activity_count,
        max(activity_at) as last_activity_at

    from matched
    group by email, rule_id, min_count, count_key

),

qualified as (

    -- scope total: one group per person and rule; per_key: one key must reach min_count
    select
        email,
        rule_id,
        sum(activity_count) as activity_count,
        max(last_activity_at) as last_activity_at

    from counted
    where activity_count >= min_count
    group by email, rule_id

),

decayed as (

    select
        qualified.email,
        qualified.rule_id,
        rules.category,
        rules.exclusive_group,
        rules.label,
        rules.decay_after_days,
        qualified.activity_count,
        qualified.last_activity_at,
        coalesce(
            {{ seconds_before_as_of('qualified.last_activity_at') }}
            > rules.decay_after_days * 86400,
            false
        ) as is_decayed,
        rules.points as full_points,
        rules.decay_factor

    from qualified
    inner join rules
        on qualified.rule_id = rules.rule_id

),

awarded as (

    select
        *,
        case
            when is_decayed then cast(round(full_points * decay_factor) as integer)
            else full_points
        end as points

    from decayed

),

strongest_in_group as (

    select
        *,
        row_number() over (
            partition by email, exclusive_group
            order by abs(points) desc, rule_id
        ) as group_rank

    from awarded

),

final as (

    select
        lead_emails.lead_id,
        strongest_in_group.rule_id,
        strongest_in_group.category,
        strongest_in_group.points,
        case
            when strongest_in_group.is_decayed
                then strongest_in_group.label || ' (over '
                    || cast(
                        cast(strongest_in_group.decay_after_days as integer)
                        as {{ dbt.type_string() }}
                    )
                    || ' days ago)'
            else strongest_in_group.label
        end as reason,
        strongest_in_group.is_decayed,
        strongest_in_group.activity_count,
        strongest_in_group.last_activity_at

    from strongest_in_group
    inner join lead_emails
        on strongest_in_group.email = lead_emails.email
    where strongest_in_group.group_rank = 1

)

select * from final
