{#- Cross-database helpers the qualification and feedback models use. -#}

{#- Calendar date of a naive UTC timestamp in an IANA time zone ('Asia/Tokyo'). -#}
{% macro local_date(expression, time_zone) -%}
    {{ return(adapter.dispatch('local_date', 'lead_scoring')(expression, time_zone)) }}
{%- endmacro %}

{#- DuckDB: ICU's conversion costs as much as the rest of int_activity_events. A time on or
    after the day from which the zone's offset never changes (Asia/Tokyo: 1951; most zones
    without daylight saving time) adds that offset as a number; an earlier time, or a zone
    that still changes offset, keeps the conversion. -#}
{% macro duckdb__local_date(expression, time_zone) -%}
    {%- set converted = "timezone('" ~ time_zone ~ "', cast(" ~ expression ~ " as timestamptz))" -%}
    {%- set fixed = zone_offset_since(time_zone) -%}
    {%- if fixed is none -%}
        cast({{ converted }} as date)
    {%- else -%}
        {%- set utc = 'cast(' ~ expression ~ ' as timestamp)' -%}
        cast(case
            when {{ utc }} >= cast('{{ fixed[0] }}' as timestamp) then {{ utc }} + to_seconds({{ fixed[1] }})
            else {{ converted }}
        end as date)
    {%- endif -%}
{%- endmacro %}

{#- [first UTC day from which the offset of `time_zone` never changes, that offset in whole
    seconds], or none when it changes still (daylight saving time) or no query can run (parse).
    Read from DuckDB's own conversion once a day from 1900 to 2100: an offset lasts months, so
    the day after the last sample with another offset is past the last change. -#}
{% macro zone_offset_since(time_zone) -%}
    {%- if not execute -%}
        {{- return(none) -}}
    {%- endif -%}
    {%- set found = run_query(
        "with samples as (select day, epoch(timezone('" ~ time_zone ~ "', cast(day as timestamptz))"
        ~ " - day) as offset_seconds from range(timestamp '1900-01-01', timestamp '2100-01-02',"
        ~ " interval 1 day) as days (day)),"
        ~ " final as (select offset_seconds from samples where day = timestamp '2100-01-01')"
        ~ " select strftime(coalesce(max(samples.day) filter (where samples.offset_seconds"
        ~ " <> final.offset_seconds) + interval 1 day, timestamp '1900-01-01'), '%Y-%m-%d'),"
        ~ " any_value(final.offset_seconds), current_date"
        ~ " from samples cross join final"
    ).rows[0] -%}
    {%- set since, offset, today = found[0], found[1], found[2] -%}
    {%- if since > today.isoformat() or offset != (offset | int) -%}
        {{- return(none) -}}
    {%- endif -%}
    {{- return([since, offset | int]) -}}
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
