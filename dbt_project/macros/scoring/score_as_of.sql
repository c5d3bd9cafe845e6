{#- The scoring reference time as a SQL timestamp (naive UTC): ISO 8601, e.g.
    2026-11-20T00:00:00 or 2026-11-20T09:00:00+09:00, from var `score_as_of` (unit tests) or else
    the environment variable LEAD_SCORING_SCORE_AS_OF (runs, backfills); empty = the run's start
    time, so one `dbt build` scores every model at the same instant.
    The environment is read only when executing: a new score time is no reason to parse again
    (a --vars value is: dbt re-parses the whole project when vars change). -#}
{% macro score_as_of() -%}
    {%- set value = var('score_as_of', '') | string | trim -%}
    {%- if value in ('', 'None') and execute -%}
        {%- set value = env_var('LEAD_SCORING_SCORE_AS_OF', '') | trim -%}
    {%- endif -%}
    {%- if value in ('', 'None') -%}
        {%- set value = run_started_at.strftime('%Y-%m-%dT%H:%M:%S') -%}
    {%- endif -%}
    {%- set iso = '^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?(Z|[+-]\d{2}:?\d{2})?$' -%}
    {%- if not modules.re.match(iso, value) -%}
        {{ exceptions.raise_compiler_error(
            "var score_as_of must be an ISO 8601 date or timestamp, got: " ~ value) }}
    {%- endif -%}
    cast({{ parse_iso_timestamp("'" ~ value ~ "'") }} as timestamp)
{%- endmacro %}

{#- Whole seconds between a timestamp and the scoring reference time (positive = in the past). -#}
{% macro seconds_before_as_of(expression) -%}
    ({{ epoch_seconds(score_as_of()) }} - {{ epoch_seconds(expression) }})
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
