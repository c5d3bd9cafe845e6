-- Every web and e-mail activity of a person (normalised e-mail) up to the scoring time, one
-- row per activity, classified once into an activity type that behavior rules count.
-- Page views become visits: page views of one person with gaps under session_gap_minutes.
-- Only page views inside the longest window of the web_session rules are read (all of them
-- when such a rule has no window), which keeps the costly sessionising small.

with

session_rules as (

    select
        max(window_days) as longest_window_days,
        count(*) - count(window_days) as rules_without_window

    from {{ ref('stg_scoring__behavior_rules') }}
    where activity_type = 'web_session'

),

web_events as (

    select web_events.*
    from {{ ref('stg_segment__events') }} as web_events
    cross join session_rules
    where
        web_events.event_at <= {{ score_as_of() }}
        and (
            web_events.event_type = 'track'
            or (
                web_events.event_type = 'page'
                and (
                    session_rules.rules_without_window > 0
                    or {{ seconds_before_as_of('web_events.event_at') }}
                    <= session_rules.longest_window_days * 86400
                )
            )
        )

),

email_events as (

    select * from {{ ref('stg_sendgrid__events') }}
    where
        email is not null
        and event_at <= {{ score_as_of() }}

),

identities as (

    select * from {{ ref('int_web_identities') }}

),

identified_web_events as (

    select
        coalesce(by_anonymous_id.email, by_user_id.email) as email,
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
        email,
        event_id,
        event_at,
        lag(event_at) over (partition by email order by event_at, event_id) as previous_view_at

    from identified_web_events
    where event_type = 'page'

),

web_sessions as (

    select
        email,
        'web_session' as activity_type,
        cast(null as {{ dbt.type_string() }}) as activity_detail,
        event_id as activity_key,
        event_at as activity_at,
        event_id as source_event_id

    from page_views
    where
        previous_view_at is null
        or {{ epoch_seconds('event_at') }} - {{ epoch_seconds('previous_view_at') }}
        >= {{ session_gap_seconds() }}

),

track_events as (

    select
        email,
        case lower(event_name)
            when 'form submitted' then 'form_submitted'
            when 'file downloaded' then 'file_downloaded'
            when 'webinar registered' then 'webinar_registered'
            when 'webinar attended' then 'webinar_attended'
            when 'booth visited' then 'booth_visited'
        end as activity_type,
        case lower(event_name)
            when 'form submitted' then form_type
            when 'file downloaded' then asset
            when 'booth visited' then lower(trade_show)
        end as activity_detail,
        case lower(event_name)
            when 'file downloaded' then file_name
            when 'webinar registered' then webinar_id
            when 'webinar attended' then webinar_id
            when 'booth visited' then trade_show
        end as activity_key,
        event_at as activity_at,
        event_id as source_event_id

    from identified_web_events
    where event_type = 'track'

),

webinar_absences as (

    -- registered for a webinar and never attended it
    select
        registered.email,
        'webinar_absent' as activity_type,
        cast(null as {{ dbt.type_string() }}) as activity_detail,
        registered.activity_key,
        registered.activity_at,
        registered.source_event_id

    from track_events as registered
    left join track_events as attended
        on
            attended.activity_type = 'webinar_attended'
            and registered.email = attended.email
            and registered.activity_key = attended.activity_key
    where
        registered.activity_type = 'webinar_registered'
        and attended.email is null

),

email_activities as (

    select
        email,
        case event_name
            when 'open' then 'email_open'
            when 'click' then 'email_click'
            when 'unsubscribe' then 'email_unsubscribe'
            when 'group_unsubscribe' then 'email_unsubscribe'
            when 'bounce' then 'email_bounce'
            when 'spamreport' then 'email_spam_report'
        end as activity_type,
        case
            when event_name = 'bounce' then bounce_type
            when event_name in ('unsubscribe', 'group_unsubscribe') then event_name
        end as activity_detail,
        case when event_name = 'click' then url end as activity_key,
        event_at as activity_at,
        event_id as source_event_id

    from email_events

),

unioned as (

    select * from web_sessions
    union all
    select * from track_events
    union all
    select * from webinar_absences
    union all
    select * from email_activities

),

final as (

    select
        email,
        activity_type,
        activity_detail,
        activity_key,
        activity_at,
        source_event_id

    from unioned
    where activity_type is not null

)

select * from final
