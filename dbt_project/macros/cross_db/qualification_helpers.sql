{#- Cross-database helpers the qualification and feedback models use. -#}

{#- Calendar date of a naive UTC timestamp in an IANA time zone ('Asia/Tokyo'). -#}
{% macro local_date(expression, time_zone) -%}
    {{ return(adapter.dispatch('local_date', 'lead_scoring')(expression, time_zone)) }}
{%- endmacro %}

{% macro duckdb__local_date(expression, time_zone) -%}
    cast(timezone('{{ time_zone }}', cast({{ expression }} as timestamptz)) as date)
{%- endmacro %}

{#- Spark: the session time zone is UTC (profiles.yml). -#}
{% macro spark__local_date(expression, time_zone) -%}
    to_date(from_utc_timestamp({{ expression }}, '{{ time_zone }}'))
{%- endmacro %}

{% macro default__local_date(expression, time_zone) -%}
    cast(({{ expression }} at time zone 'UTC') at time zone '{{ time_zone }}' as date)
{%- endmacro %}

{#- Median of a numeric expression (an aggregate). -#}
{% macro median_of(expression) -%}
    {{ return(adapter.dispatch('median_of', 'lead_scoring')(expression)) }}
{%- endmacro %}

{% macro duckdb__median_of(expression) -%}
    median({{ expression }})
{%- endmacro %}

{#- Exact and interpolated between the two middle values, as DuckDB's median. -#}
{% macro spark__median_of(expression) -%}
    percentile({{ expression }}, 0.5)
{%- endmacro %}

{% macro default__median_of(expression) -%}
    percentile_cont(0.5) within group (order by {{ expression }})
{%- endmacro %}

{#- Hours from one UTC timestamp to another, as a number (negative when `end` is earlier). -#}
{% macro hours_between(start, end) -%}
    (({{ epoch_seconds(end) }} - {{ epoch_seconds(start) }}) / 3600.0)
{%- endmacro %}

{#- A UTC timestamp plus a number of hours (null stays null). -#}
{% macro add_hours(expression, hours) -%}
    {{ return(adapter.dispatch('add_hours', 'lead_scoring')(expression, hours)) }}
{%- endmacro %}

{% macro default__add_hours(expression, hours) -%}
    {{ dbt.dateadd('second', '(' ~ hours ~ ') * 3600', expression) }}
{%- endmacro %}

{#- dbt-spark's dateadd drops the microseconds and fails on a null timestamp. Whole seconds
    rounded half to even, as DuckDB's cast to bigint in its dateadd. -#}
{% macro spark__add_hours(expression, hours) -%}
    timestamp_micros(unix_micros({{ expression }}) + cast(bround(({{ hours }}) * 3600, 0) as bigint) * 1000000)
{%- endmacro %}

{#- The latest of several expressions, ignoring nulls (null only when all are null); the same
    on every database, whatever its greatest() does with nulls. -#}
{% macro latest_of(expressions) -%}
    {%- if expressions | length == 1 -%}
        {{ expressions[0] }}
    {%- else -%}
        greatest(
        {%- for expression in expressions %}
            coalesce({{ expression }}
            {%- for other in expressions if other != expression -%}, {{ other }}{%- endfor -%})
            {{- "," if not loop.last }}
        {%- endfor %}
        )
    {%- endif -%}
{%- endmacro %}
