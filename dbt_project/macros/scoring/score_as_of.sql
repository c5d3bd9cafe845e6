{#- The scoring reference time as a SQL timestamp (naive UTC), always reproducible: the same
    data scores the same however often it runs. From var `score_as_of` (unit tests) or else the
    environment variable LEAD_SCORING_SCORE_AS_OF (runs, backfills):
    - empty: the start of the run's day in the schedule's zone (schedule_zone), so a nightly
      run scores the whole days before it and every run of one day gives the same scores;
    - a date (2026-11-20): the start of that day in the schedule's zone;
    - a time (2026-11-20T00:00:00, 2026-11-20T09:00:00+09:00): that instant (UTC without an
      offset), for tests and one-off replays.
    The environment is read only when executing: a new score time is no reason to parse again
    (a --vars value is: dbt re-parses the whole project when vars change). -#}
{% macro score_as_of() -%}
    {%- set value = var('score_as_of', '') | string | trim -%}
    {%- if value in ('', 'None') and execute -%}
        {%- set value = env_var('LEAD_SCORING_SCORE_AS_OF', '') | trim -%}
    {%- endif -%}
    {%- if value in ('', 'None') -%}
        {%- set value = day_start_utc(run_started_at.astimezone(modules.pytz.timezone(schedule_zone())).date()) -%}
    {%- elif modules.re.match('^\d{4}-\d{2}-\d{2}$', value) -%}
        {%- set value = day_start_utc(modules.datetime.date(*(value.split('-') | map('int')))) -%}
    {%- endif -%}
    {%- set iso = '^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?(Z|[+-]\d{2}:?\d{2})?$' -%}
    {%- if not modules.re.match(iso, value) -%}
        {{ exceptions.raise_compiler_error(
            "var score_as_of must be an ISO 8601 date or timestamp, got: " ~ value) }}
    {%- endif -%}
    cast({{ parse_iso_timestamp("'" ~ value ~ "'") }} as timestamp)
{%- endmacro %}

{#- The nightly schedule's time zone: var snapshot_timezone, else the environment's
    LEAD_SCORING_TIMEZONE, else Asia/Tokyo (the settings' default). It sets where a scoring
    day starts and the day of a score-history snapshot. -#}
{% macro schedule_zone() -%}
    {%- set zone = var('snapshot_timezone', '') | string | trim -%}
    {%- if zone in ('', 'None') -%}
        {%- set zone = env_var('LEAD_SCORING_TIMEZONE', '') | trim or 'Asia/Tokyo' -%}
    {%- endif -%}
    {%- if not modules.re.match('^[A-Za-z][A-Za-z0-9_+/-]*$', zone) -%}
        {{ exceptions.raise_compiler_error("schedule time zone must be an IANA name like Asia/Tokyo, got: " ~ zone) }}
    {%- endif -%}
    {{- return(zone) -}}
{%- endmacro %}

{#- The UTC time (ISO text, no offset) at which a calendar day starts in the schedule's zone. -#}
{% macro day_start_utc(day) -%}
    {%- set zone = modules.pytz.timezone(schedule_zone()) -%}
    {%- set midnight = zone.localize(modules.datetime.datetime(day.year, day.month, day.day)) -%}
    {{- return(midnight.astimezone(modules.pytz.utc).strftime('%Y-%m-%dT%H:%M:%S')) -}}
{%- endmacro %}

{#- Whole seconds between a timestamp and the scoring reference time (positive = in the past). -#}
{% macro seconds_before_as_of(expression) -%}
    ({{ epoch_seconds(score_as_of()) }} - {{ epoch_seconds(expression) }})
{%- endmacro %}

{#- Whole days from a time's day to the scoring day, both in the schedule's zone: 0 on the
    scoring day, N on the day N days before it. A window of N days holds what happened on the
    N days before the scoring day (and on the scoring day up to the scoring time), so a nightly
    window slides by whole days and a day's activities are all in it or all out. -#}
{% macro days_before_as_of(expression) -%}
    {{ days_before_scoring_day(local_date(expression, schedule_zone())) }}
{%- endmacro %}

{#- The same for a day already in the schedule's zone (int_activity_events.activity_day). -#}
{% macro days_before_scoring_day(day_expression) -%}
    {{ days_between(day_expression, local_date(score_as_of(), schedule_zone())) }}
{%- endmacro %}

{#- var session_gap_minutes as seconds; a value that is not a positive number stops the build. -#}
{% macro session_gap_seconds() -%}
    {%- set value = var('session_gap_minutes', 30) | string | trim -%}
    {%- if not modules.re.match('^[0-9]+([.][0-9]+)?$', value) or value | float <= 0 -%}
        {{ exceptions.raise_compiler_error(
            "var session_gap_minutes must be a positive number of minutes, got: " ~ value) }}
    {%- endif -%}
    {{ value | float * 60 }}
{%- endmacro %}
