{{
    config(
        materialized='incremental',
        incremental_strategy=replace_by_day_strategy(),
        unique_key='activity_day',
        partition_by=day_partitions('activity_day'),
        on_schema_change='sync_all_columns',
    )
}}

-- Every web and e-mail activity of each browser or address, one row per activity, kept a day
-- at a time so that a night reads only the days its new events touch (activity_days.sql):
-- page views (only when a behavior rule reads them: macro page_views_stored), visits (a page
-- view that no earlier page view of the same browser, anonymous_id or else user_id, precedes
-- by less than session_gap_minutes), track events (any event name, lower snake case) and
-- e-mail events (email_<event>). Nothing else here depends on identities, rules or the
-- scoring time: int_lead_activities ties browsers to people, and reads the days its rules
-- need, every run. Each written day also has one marker row (no activity_type)
-- with the newest load time of its events, so a day that lost its last activity is still
-- replaced, and the next run knows which events are new. _written_by names the dbt run that
-- wrote the day.

-- depends_on: {{ ref('stg_scoring__behavior_rules') }}
-- depends_on: {{ ref('stg_scoring__behavior_rule_activities') }}
{%- set web_source = ref('stg_segment__events') -%}
{%- set email_source = ref('stg_sendgrid__events') -%}
{%- set days = activity_days_to_write(web_source, email_source) -%}
{%- set lookback_days = ((session_gap_seconds() | float) / 86400) | round(0, 'ceil') | int %}
{#- a full build recomputes the event CTEs in each reader: see web_events -#}
{%- set event_cte_hint = not_materialized() if days is none else '' %}
{%- set store_page_views = page_views_stored() %}
{#- a browser: its anonymous_id, or else its user_id -#}
{%- set browser = 'anonymous_id, case when anonymous_id is null then user_id end' %}

with

web_events as {{ event_cte_hint }} (

    -- in a full build not materialized, nor are written_web_events and email_events: each
    -- reader scans its own columns and rows (macro not_materialized), where a kept copy of
    -- every event with its properties spilled at 1M leads; a night's few days stay in memory
    select
        event_id,
        event_type,
        event_name,
        anonymous_id,
        user_id,
        event_at,
        properties,
        _loaded_at,
        {{ local_date('event_at', schedule_zone()) }} as activity_day,
        {{ row_reference(web_source, 'event_id') }} as event_row

    from {{ web_source }}
    where event_at is not null and {{ on_activity_days(days, 'event_at', lookback_days) }}

),

browsed as (

    -- previous_view_at and next_view_at: the page views before and after this one in the same
    -- browser, ordered by time alone. Only the browser, the time and a reference to the row go
    -- through the window, which buffers and sorts every column it is given: with the event id
    -- as tie-break and the visit's columns beside it, the window over the 1M bench's 48M page
    -- views took 22.9-24.9 s against 14.3-16.4 s. Views of one browser at the same time are
    -- rare (44k of those 48M): tied_views breaks those ties.
    select
        event_row,
        previous_view_at is null
        or {{ epoch_seconds('event_at') }} - {{ epoch_seconds('previous_view_at') }}
        >= {{ session_gap_seconds() }} as starts_visit,
        coalesce(previous_view_at = event_at or next_view_at = event_at, false) as is_tied

    from (
        select
            event_row,
            event_at,
            lag(event_at) over (
                partition by {{ browser }}
                order by event_at
            ) as previous_view_at,
            lead(event_at) over (
                partition by {{ browser }}
                order by event_at
            ) as next_view_at

        from web_events
        where event_type = 'page'
    ) as ordered

),

view_starts as (

    -- the page views that start a visit (no earlier page view of the browser within the gap)
    -- or share their time with another view of the browser, with their columns
    select
        web_events.activity_day,
        web_events.anonymous_id,
        web_events.user_id,
        web_events.event_at,
        web_events.event_id,
        web_events._loaded_at,
        browsed.starts_visit,
        browsed.is_tied

    from web_events
    inner join browsed
        on web_events.event_row = browsed.event_row
    where
        web_events.event_type = 'page'
        and (browsed.starts_visit or browsed.is_tied)
        and {{ in_activity_days(days, 'web_events.activity_day') }}

),

tied_views as (

    -- views of one browser at one time: the window put one of them first, in no set order, and
    -- only that one can start a visit. When one does, the visit is the first by event id.
    select
        *,
        max(case when starts_visit then 1 else 0 end) over (
            partition by {{ browser }}, event_at
        ) = 1 as tie_starts_visit,
        row_number() over (
            partition by {{ browser }}, event_at
            order by event_id nulls last
        ) = 1 as is_first_of_tie

    from view_starts
    where is_tied

),

written_web_events as {{ event_cte_hint }} (

    select * from web_events
    where {{ in_activity_days(days) }}

),

page_activities as (

    select
        activity_day,
        'web' as activity_source,
        anonymous_id,
        user_id,
        cast(null as {{ dbt.type_string() }}) as email,
        'page_view' as activity_type,
        event_at as activity_at,
        properties,
        event_id as source_event_id,
        _loaded_at

    from written_web_events
    where event_type = 'page'

),

visits as (

    select
        activity_day,
        'web' as activity_source,
        anonymous_id,
        user_id,
        cast(null as {{ dbt.type_string() }}) as email,
        'web_session' as activity_type,
        event_at as activity_at,
        cast(null as {{ dbt.type_string() }}) as properties,
        event_id as source_event_id,
        _loaded_at

    from (
        select
            *,
            starts_visit as tie_starts_visit,
            true as is_first_of_tie
        from view_starts
        where not is_tied

        union all

        select * from tied_views
    ) as starts
    where tie_starts_visit and is_first_of_tie

),

track_activities as (

    select
        activity_day,
        'web' as activity_source,
        anonymous_id,
        user_id,
        cast(null as {{ dbt.type_string() }}) as email,
        {{ activity_type_of('event_name') }} as activity_type,
        event_at as activity_at,
        properties,
        event_id as source_event_id,
        _loaded_at

    from written_web_events
    where event_type = 'track' and nullif(trim(event_name), '') is not null

),

email_events as {{ event_cte_hint }} (

    select
        *,
        {{ local_date('event_at', schedule_zone()) }} as activity_day

    from {{ email_source }}
    where event_at is not null and {{ on_activity_days(days, 'event_at') }}

),

email_activities as (

    select
        activity_day,
        'email' as activity_source,
        cast(null as {{ dbt.type_string() }}) as anonymous_id,
        cast(null as {{ dbt.type_string() }}) as user_id,
        email,
        'email_' || {{ activity_type_of('event_name') }} as activity_type,
        event_at as activity_at,
        {{ json_object_of([('url', 'url'), ('type', 'bounce_type'), ('reason', 'reason')]) }}
            as properties,
        event_id as source_event_id,
        _loaded_at

    from email_events
    where email is not null

),

day_markers as (

    -- one per written day: every day with events, and every day this run was asked to write
    select
        activity_day,
        max(_loaded_at) as _loaded_at

    from (
        select
            activity_day,
            _loaded_at
        from written_web_events

        union all

        select
            activity_day,
            _loaded_at
        from email_events
        {%- for iso in days or [] %}

        union all

        select
            cast('{{ iso }}' as date) as activity_day,
            null as _loaded_at
        {%- endfor %}
    ) as written
    group by activity_day

),

activities as (

    {%- if store_page_views %}
        select * from page_activities
        union all
    {%- endif %}
    select * from visits
    union all
    select * from track_activities
    union all
    select * from email_activities
    union all
    select
        activity_day,
        cast(null as {{ dbt.type_string() }}) as activity_source,
        cast(null as {{ dbt.type_string() }}) as anonymous_id,
        cast(null as {{ dbt.type_string() }}) as user_id,
        cast(null as {{ dbt.type_string() }}) as email,
        cast(null as {{ dbt.type_string() }}) as activity_type,
        cast(null as timestamp) as activity_at,
        cast(null as {{ dbt.type_string() }}) as properties,
        cast(null as {{ dbt.type_string() }}) as source_event_id,
        _loaded_at
    from day_markers

),

final as (

    select
        activity_day,
        activity_source,
        anonymous_id,
        user_id,
        email,
        activity_type,
        activity_at,
        properties,
        source_event_id,
        _loaded_at,
        '{{ activity_days_version() }}' as activity_version,
        '{{ invocation_id }}' as _written_by

    from activities

)

select * from final
