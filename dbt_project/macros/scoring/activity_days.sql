{#- How int_activity_events is kept up to date a day at a time. A day is a calendar day of the
    schedule's zone; every row carries its day, and a run replaces whole days (delete+insert on
    DuckDB, insert_overwrite of day partitions on Spark). -#}

{#- What the stored activities depend on besides the events: the visit gap, the zone that
    cuts days, and whether a rule reads page views (page_views_stored). A table built under
    another version is rebuilt whole by the next run. -#}
{% macro activity_days_version() -%}
    {{- return(
        'session_gap_seconds=' ~ (session_gap_seconds() | trim) ~ ';zone=' ~ schedule_zone()
        ~ ';page_views=' ~ ('stored' if page_views_stored() else 'not stored')
    ) -}}
{%- endmacro %}

{#- The days this run must (re)write, as ISO dates, or none for every day (a full build, or a
    table built under another version). The new events are those landed after the newest load
    time the table holds (each written day keeps the newest load time of its events in its
    marker row; an event without a load time, from another loader, counts as new every run),
    so an event landed late or corrected rewrites the day it happened on; a web event also
    rewrites the next day, whose first page view may continue a visit of the day before. Read
    when the model runs, after this invocation staged the new events. -#}
{% macro activity_days_to_write(web_events, email_events) -%}
    {%- if not execute or this is none or not is_incremental() -%}
        {{- return(none) -}}
    {%- endif -%}
    {%- set stored = column_names(this) -%}
    {%- if 'activity_version' not in stored -%}
        {{- return(none) -}}
    {%- endif -%}
    {%- if stored_version_changed(this, 'activity_version', activity_days_version(), 'rewriting every day') -%}
        {{- return(none) -}}
    {%- endif -%}
    {%- set newer = "coalesce(_loaded_at > (select max(stored._loaded_at) from " ~ this
        ~ " as stored), true)" -%}
    {%- set zone = schedule_zone() -%}
    {%- set touched = run_query(
        "select distinct " ~ local_date('event_at', zone) ~ " as day, 1 as days_after from "
        ~ web_events ~ " where event_at is not null and " ~ newer
        ~ " union all select distinct " ~ local_date('event_at', zone) ~ ", 0 from "
        ~ email_events ~ " where event_at is not null and " ~ newer
    ) -%}
    {%- set days = [] -%}
    {%- for row in touched.rows -%}
        {%- set day = row[0] if row[0] is not string else modules.datetime.date.fromisoformat(row[0]) -%}
        {%- for offset in range(row[1] + 1) -%}
            {%- set iso = (day + modules.datetime.timedelta(days=offset)).isoformat() -%}
            {%- if iso not in days -%}{%- do days.append(iso) -%}{%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {{- return(days | sort) -}}
{%- endmacro %}

{#- Where-condition on events' `time_column` for the days to write, `days_before` more days
    before each (the page views a visit start looks back at): a time range (which lets the
    engine skip stored row groups), then the days themselves. True when every day is written. -#}
{% macro on_activity_days(days, time_column, days_before=0) -%}
    {%- if days is none -%}
        true
    {%- elif days | length == 0 -%}
        false
    {%- else -%}
        {%- set wanted = [] -%}
        {%- for iso in days -%}
            {%- set day = modules.datetime.date.fromisoformat(iso) -%}
            {%- for offset in range(days_before + 1) -%}
                {%- set earlier = (day - modules.datetime.timedelta(days=offset)).isoformat() -%}
                {%- if earlier not in wanted -%}{%- do wanted.append(earlier) -%}{%- endif -%}
            {%- endfor -%}
        {%- endfor -%}
        {%- set wanted = wanted | sort -%}
        {%- set first = modules.datetime.date.fromisoformat(wanted[0]) -%}
        {%- set after_last = modules.datetime.date.fromisoformat(wanted[-1]) + modules.datetime.timedelta(days=1) -%}
        ({{ time_column }} >= cast('{{ day_start_utc(first) }}' as timestamp)
        and {{ time_column }} < cast('{{ day_start_utc(after_last) }}' as timestamp)
        and {{ in_activity_days(wanted, local_date(time_column, schedule_zone())) }})
    {%- endif -%}
{%- endmacro %}

{#- Where-condition on a day already computed (`day_column`): one of `days`; true when every
    day is written. -#}
{% macro in_activity_days(days, day_column='activity_day') -%}
    {%- if days is none -%}
        true
    {%- elif days | length == 0 -%}
        false
    {%- else -%}
        {{ day_column }} in (
            {%- for iso in days %}cast('{{ iso }}' as date){{ ", " if not loop.last }}{% endfor -%}
        )
    {%- endif -%}
{%- endmacro %}
