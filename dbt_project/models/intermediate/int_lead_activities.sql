-- Every activity of a person up to the scoring time, one row per activity, with its type and
-- properties, which behavior rules name: web track events (any event name, lower snake
-- case), page views, visits (page views of one person with gaps under session_gap_minutes),
-- webinars registered for and not attended once they ended, e-mail events (email_<event>)
-- and imported activities. A person is a lead's person_key (its e-mail, or the lead itself).
-- Page views are only read inside the longest window of the rules on page_view or
-- web_session (all of them when such a rule has no window), which keeps sessionising small.

with

rule_activities as (

    select * from {{ ref('stg_scoring__behavior_rule_activities') }}

),

page_rules as (

    select
        max(rules.window_days) as longest_window_days,
        count(*) - count(rules.window_days) as rules_without_window,
        count(*) as page_rule_count

    from {{ ref('stg_scoring__behavior_rules') }} as rules
    inner join rule_activities
        on rules.rule_id = rule_activities.rule_id
    where rule_activities.activity_type in ('page_view', 'web_session')

),

web_events as (

    select web_events.*
    from {{ ref('stg_segment__events') }} as web_events
    cross join page_rules
    where
        web_events.event_at <= {{ score_as_of() }}
        and (
            web_events.event_type = 'track'
            or (
                web_events.event_type = 'page'
                and page_rules.page_rule_count > 0
                and (
                    page_rules.rules_without_window > 0
                    or {{ seconds_before_as_of('web_events.event_at') }}
                    <= page_rules.longest_window_days * 86400
                )
            )
        )

),

identities as (

    select * from {{ ref('int_web_identities') }}

),

identified_web_events as (

    select
        coalesce(by_anonymous_id.email, by_user_id.email) as person_key,
        web_events.*

    from web_events
    left join identities as by_anonymous_id
        on
            by_anonymous_id.visitor_id_type = 'anonymous_id'
            and web_events.anonymous_id = by_anonymous_id.visitor_id
    left join identities as by_user_id
        on
            by_user_id.visitor_id_type = 'user_id'
            and web_events.user_id = by_user_id.visitor_id
    where coalesce(by_anonymous_id.email, by_user_id.email) is not null

),

page_views as (

    select
        person_key,
        event_id,
        event_at,
        properties,
        lag(event_at) over (
            partition by person_key order by event_at nulls last, event_id nulls last
        ) as previous_view_at

    from identified_web_events
    where event_type = 'page'

),

page_activities as (

    select
        person_key,
        'page_view' as activity_type,
        event_at as activity_at,
        properties,
        event_id as source_event_id

    from page_views
    where exists (
            select 1
            from rule_activities
            where rule_activities.activity_type = 'page_view'
        )

),

web_sessions as (

    select
        person_key,
        'web_session' as activity_type,
        event_at as activity_at,
        cast(null as {{ dbt.type_string() }}) as properties,
        event_id as source_event_id

    from page_views
    where
        previous_view_at is null
        or {{ epoch_seconds('event_at') }} - {{ epoch_seconds('previous_view_at') }}
        >= {{ session_gap_seconds() }}

),

track_events as (

    select
        person_key,
        {{ activity_type_of('event_name') }} as activity_type,
        event_at as activity_at,
        properties,
        event_id as source_event_id

    from identified_web_events
    where event_type = 'track' and nullif(trim(event_name), '') is not null

),

webinar_absences as (

    -- registered and never attended: an absence once the webinar's scheduled end has passed
    -- (a registration without a scheduled end is never counted as an absence)
    select
        registered.person_key,
        'webinar_absent' as activity_type,
        {{ parse_iso_timestamp(json_text('registered.properties', ['webinar_end_time'])) }}
            as activity_at,
        registered.properties,
        registered.source_event_id

    from track_events as registered
    left join track_events as attended
        on
            attended.activity_type = 'webinar_attended'
            and registered.person_key = attended.person_key
            and {{ json_text('registered.properties', ['webinar_id']) }}
            = {{ json_text('attended.properties', ['webinar_id']) }}
    where
        registered.activity_type = 'webinar_registered'
        and attended.person_key is null
        and {{ parse_iso_timestamp(json_text('registered.properties', ['webinar_end_time'])) }}
        <= {{ score_as_of() }}

),

email_activities as (

    select
        email as person_key,
        'email_' || {{ activity_type_of('event_name') }} as activity_type,
        event_at as activity_at,
        {{ json_object_of([('url', 'url'), ('type', 'bounce_type'), ('reason', 'reason')]) }}
            as properties,
        event_id as source_event_id

    from {{ ref('stg_sendgrid__events') }}
    where email is not null and event_at <= {{ score_as_of() }}

),

lead_keys as (

    select
        'lead_id' as key_type,
        lead_id as key_value,
        person_key
    from {{ ref('int_leads') }}

    union all

    select
        'external_id' as key_type,
        external_id as key_value,
        person_key
    from {{ ref('int_leads') }}
    where external_id is not null

),

imported_activities as (

    select
        coalesce(
            lead_keys.person_key,
            case when imported.lead_ref_type = 'email' then imported.lead_ref end
        ) as person_key,
        imported.activity_type,
        imported.activity_at,
        imported.properties,
        imported.activity_id as source_event_id

    from {{ ref('stg_import__activities') }} as imported
    left join lead_keys
        on
            imported.lead_ref_type = lead_keys.key_type
            and imported.lead_ref = lead_keys.key_value
    where imported.activity_at <= {{ score_as_of() }}

),

unioned as (

    select * from page_activities
    union all
    select * from web_sessions
    union all
    select * from track_events
    union all
    select * from webinar_absences
    union all
    select * from email_activities
    union all
    select * from imported_activities

),

final as (

    select
        person_key,
        activity_type,
        activity_at,
        properties,
        source_event_id

    from unioned
    where person_key is not null and activity_type is not null

)

select * from final
