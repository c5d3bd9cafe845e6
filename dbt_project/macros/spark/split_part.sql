{#- dbt.split_part on Spark as DuckDB answers it: the part, '' for an empty part, null past
    the last part (dbt-spark's indexes past the end, which ANSI mode turns into an error).
    The delimiter is quoted for split()'s regular expression (\Q...\E, built with chr(92) so
    no string literal holds a backslash). -#}
{% macro spark__split_part(string_text, delimiter_text, part_number) -%}
    {%- if part_number is not number or part_number < 1 -%}
        {{ exceptions.raise_compiler_error("split_part: part_number must be a whole number >= 1, got " ~ part_number) }}
    {%- endif -%}
    try_element_at(
        split({{ string_text }}, concat(chr(92), 'Q', {{ delimiter_text }}, chr(92), 'E')),
        {{ part_number }}
    )
{%- endmacro %}
