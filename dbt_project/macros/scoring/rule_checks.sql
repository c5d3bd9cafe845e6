{#- Helpers for the stg_scoring__* models, which type the rule seeds and stop the build on
    the first malformed row with a message naming the seed and the row. Rule values are only
    ever data in these queries, never SQL text. -#}

{#- Problem text when a text column holds something other than a number, else null. -#}
{% macro number_problem(column, whole=false) -%}
    case
        when nullif(trim({{ column }}), '') is not null
            and {{ try_to_number(column) }} is null
            then '{{ column }} "' || {{ column }} || '" is not a number'
        {%- if whole %}
        when {{ try_to_number(column) }} <> floor({{ try_to_number(column) }})
            then '{{ column }} "' || {{ column }} || '" is not a whole number'
        {%- endif %}
    end
{%- endmacro %}

{#- Problem text when a required text column is empty, else null. -#}
{% macro empty_problem(column) -%}
    case when nullif(trim({{ column }}), '') is null then '{{ column }} is empty' end
{%- endmacro %}

{#- Problem text when another row has the same `column` value (a row key), else null. -#}
{% macro repeated_problem(column) -%}
    case
        when count(*) over (partition by {{ column }}) > 1
            then '{{ column.split(".")[-1] }} is used more than once'
    end
{%- endmacro %}

{#- Problem text when a column's value is not one of `allowed`, else null. -#}
{% macro accepted_problem(column, allowed) -%}
    case
        when coalesce({{ column }}, '') not in ('{{ allowed | join("', '") }}')
            then 'unknown {{ column }} "' || coalesce({{ column }}, '')
                || '" (expected {{ allowed | join(", ") }})'
    end
{%- endmacro %}

{#- Where-clause condition that fails the query on the first row with a problem. -#}
{% macro fail_on_invalid_row(seed, row_key, problem='problem') -%}
    {{ fail_on_problem(problem,
        "'Invalid scoring rule in seed " ~ seed ~ ", row " ~ row_key
        ~ "=\"' || coalesce(" ~ row_key ~ ", '') || '\": ' || " ~ problem) }}
{%- endmacro %}

{#- Band checks on rows ordered by lower bound within a group (band_number, previous_key and
    previous_max/previous_max_text computed by the caller): the lowest band may be open below,
    the highest open above, and each band must start exactly where the previous one ends.
    Bounds are numbers in `<column>_number`, and text as written in `<column>`. -#}
{% macro band_problem(min_column, max_column) -%}
    case
        when {{ min_column }}_number >= {{ max_column }}_number
            then '{{ min_column }} ' || {{ min_column }} || ' is not below {{ max_column }} ' || {{ max_column }}
        when band_number > 1 and {{ min_column }}_number is null
            then 'overlaps band "' || previous_key
                || '": only the lowest band may have an empty {{ min_column }}'
        when band_number > 1 and previous_max is null
            then 'overlaps band "' || previous_key || '", which has no {{ max_column }}'
        when band_number > 1 and {{ min_column }}_number < previous_max
            then 'overlaps band "' || previous_key || '": {{ min_column }} ' || {{ min_column }}
                || ' is below its {{ max_column }} ' || previous_max_text
        when band_number > 1 and {{ min_column }}_number > previous_max
            then 'leaves a gap after band "' || previous_key || '": {{ min_column }} ' || {{ min_column }}
                || ' is above its {{ max_column }} ' || previous_max_text
    end
{%- endmacro %}

{#- The window columns band_problem reads, for bands ordered by `min_column` within `partition_by`. -#}
{% macro band_neighbours(partition_by, min_column, max_column, key_column) -%}
    {%- set window -%}
        over ({% if partition_by %}partition by {{ partition_by }} {% endif -%}
        order by {{ min_column }}_number asc nulls first, {{ key_column }})
    {%- endset -%}
    row_number() {{ window }} as band_number,
    lag({{ key_column }}) {{ window }} as previous_key,
    lag({{ max_column }}_number) {{ window }} as previous_max,
    lag(trim({{ max_column }})) {{ window }} as previous_max_text
{%- endmacro %}
