{#- All timestamps in the warehouse are naive UTC `timestamp`s. -#}

{#- ISO 8601 text (with or without offset, `Z` allowed) -> UTC timestamp; unparseable -> null. -#}
{% macro parse_iso_timestamp(expression) -%}
    {{ return(adapter.dispatch('parse_iso_timestamp', 'lead_scoring')(expression)) }}
{%- endmacro %}

{% macro duckdb__parse_iso_timestamp(expression) -%}
    timezone('UTC', try_cast({{ expression }} as timestamptz))
{%- endmacro %}

{#- Spark: the session time zone is UTC (profiles.yml), so a timestamp is its UTC wall time;
    try_cast gives null for text that is no timestamp, ANSI mode on or off. -#}
{% macro spark__parse_iso_timestamp(expression) -%}
    try_cast({{ expression }} as timestamp)
{%- endmacro %}

{% macro default__parse_iso_timestamp(expression) -%}
    (cast({{ expression }} as timestamp with time zone) at time zone 'UTC')
{%- endmacro %}

{#- Unix seconds -> UTC timestamp. -#}
{% macro unix_seconds_to_timestamp(expression) -%}
    {{ return(adapter.dispatch('unix_seconds_to_timestamp', 'lead_scoring')(expression)) }}
{%- endmacro %}

{% macro duckdb__unix_seconds_to_timestamp(expression) -%}
    make_timestamp(cast({{ expression }} as bigint) * 1000000)
{%- endmacro %}

{#- DuckDB's cast to bigint rounds half to even; so does bround. -#}
{% macro spark__unix_seconds_to_timestamp(expression) -%}
    timestamp_seconds(cast(bround({{ expression }}, 0) as bigint))
{%- endmacro %}

{% macro default__unix_seconds_to_timestamp(expression) -%}
    (to_timestamp({{ expression }}) at time zone 'UTC')
{%- endmacro %}

{#- Seconds since 1970-01-01 of a UTC timestamp, as a number. -#}
{% macro epoch_seconds(expression) -%}
    {{ return(adapter.dispatch('epoch_seconds', 'lead_scoring')(expression)) }}
{%- endmacro %}

{% macro duckdb__epoch_seconds(expression) -%}
    epoch({{ expression }})
{%- endmacro %}

{#- Microseconds kept, as DuckDB's epoch() keeps them. -#}
{% macro spark__epoch_seconds(expression) -%}
    (cast(unix_micros({{ expression }}) as double) / 1000000)
{%- endmacro %}

{% macro default__epoch_seconds(expression) -%}
    extract(epoch from {{ expression }})
{%- endmacro %}

{#- Whole calendar days from one date to a later one (negative when it is earlier). -#}
{% macro days_between(first_date, second_date) -%}
    {{ return(adapter.dispatch('days_between', 'lead_scoring')(first_date, second_date)) }}
{%- endmacro %}

{% macro default__days_between(first_date, second_date) -%}
    date_diff('day', {{ first_date }}, {{ second_date }})
{%- endmacro %}

{% macro spark__days_between(first_date, second_date) -%}
    datediff({{ second_date }}, {{ first_date }})
{%- endmacro %}
