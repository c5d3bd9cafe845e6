{#- A boolean expression that is true when `problem` is null and otherwise stops the query
    with `message` as the error text. Used in a where clause over every seed row, so a
    malformed rule fails the build with a message naming its row. -#}
{% macro fail_on_problem(problem, message) -%}
    {{ return(adapter.dispatch('fail_on_problem', 'lead_scoring')(problem, message)) }}
{%- endmacro %}

{% macro duckdb__fail_on_problem(problem, message) -%}
    (case when {{ problem }} is null then true else error({{ message }}) end)
{%- endmacro %}

{#- Spark: raise_error() stops the query with the message, ANSI mode on or off (the cast below
    would give null with ANSI off, silently dropping the row). -#}
{% macro spark__fail_on_problem(problem, message) -%}
    (case when {{ problem }} is null then true else raise_error({{ message }}) end)
{%- endmacro %}

{#- Elsewhere: casting the message to an integer fails, and the database quotes the text. -#}
{% macro default__fail_on_problem(problem, message) -%}
    (case when {{ problem }} is null then true else cast({{ message }} as integer) = 0 end)
{%- endmacro %}
