-- Every activity of a person up to the scoring time, one row per activity: its type and
-- properties, which behavior rules name. The web and e-mail activities stored a day at a time
-- (int_activity_events: page views, visits per browser, track events, email_<event>) are
-- tied to people here, every run, so an identity learned today counts a visitor's earlier
-- activities too; webinars registered for and not attended once they ended, and imported
-- activities, are added. A person is a lead's person_key (its e-mail, or the lead itself).
-- Page views and visits are only read inside the longest window of the rules on page_view or
-- web_session (all of them when such a rule has no window).

-- A view: its two readers (int_lead_rule_activities, lead_handoff_packages) each read only the
-- activity types they need, where a table wrote every activity with its properties each night.
{{ config(materialized='view') }}

-- depends_on: {{ ref('stg_scoring__behavior_rules') }}
-- depends_on: {{ ref('stg_scoring__behavior_rule_activities') }}
{%- set page_reach = page_activity_reach() %}
{%- do require_stored_page_views(page_reach) %}
{#- no page activity read: `in (null)` selects none; no window: every day -#}
{%- set page_types = 'null' %}
{%- if page_reach['types'] %}
    {%- set page_types = "'" ~ page_reach['types'] | join("', '") ~ "'" %}
{%- endif %}
{%- set page_days = 'true' %}
{%- if page_reach['window_days'] is not none %}
    {%- set page_days = 'stored.activity_day >= cast(' ~ dbt.dateadd(
        'day', -page_reach['window_days'], local_date(score_as_of(), schedule_zone())
    ) ~ ' as date)' %}
{%- endif %}

with

stored as {{ not_materialized() }} (

    -- page views and visits only inside the longest window of the rules that read them, as
    -- constants (macro page_activity_reach): the scan skips the older days' row groups, where
    -- a join with the rules read every stored activity's properties to filter them after it.
    -- Not materialized, nor is web_activities: each reader scans its own part (macro
    -- not_materialized), where a kept copy of every activity spilled at 1M leads
    select stored.*
    from {{ ref('int_activity_events') }} as stored
    where
        stored.activity_type is not null
        and stored.activity_type not in ('page_view', 'web_session')
        and stored.activity_at <= {{ score_as_of() }}

    union all

    select stored.*
    from {{ ref('int_activity_events') }} as stored
    where
        stored.activity_type in ({{ page_types }})
        and stored.activity_at <= {{ score_as_of() }}
        and {{ page_days }}

),

identities as (

    select * from {{ ref('int_web_identities') }}

),

web_activities as {{ not_materialized() }} (

    select
        coalesce(by_anonymous_id.email, by_user_id.email) as person_key,
        web.activity_type,
        web.activity_at,
        web.properties,
        web.source_event_id

    from stored as web
    left join identities as by_anonymous_id
        on
            by_anonymous_id.visitor_id_type = 'anonymous_id'
            and web.anonymous_id = by_anonymous_id.visitor_id
    left join identities as by_user_id
        on
            by_user_id.visitor_id_type = 'user_id'
            and web.user_id = by_user_id.visitor_id
    where
        web.activity_source = 'web'
        and coalesce(by_anonymous_id.email, by_user_id.email) is not null

),

track_events as (

    select * from web_activities
    where activity_type not in ('page_view', 'web_session')

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
        activity_type,
        activity_at,
        properties,
        source_event_id

    from stored
    where activity_source = 'email'

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

    select * from web_activities
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
