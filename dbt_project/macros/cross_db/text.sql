{#- Replace every match of a regular expression. -#}
{% macro regex_replace_all(expression, pattern, replacement) -%}
    {{ return(adapter.dispatch('regex_replace_all', 'lead_scoring')(expression, pattern, replacement)) }}
{%- endmacro %}

{% macro duckdb__regex_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ pattern }}, {{ replacement }}, 'g')
{%- endmacro %}

{% macro default__regex_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ pattern }}, {{ replacement }}, 'g')
{%- endmacro %}

{#- Free text reduced to lower-case words separated by single spaces, padded with one space
    on each side, so ' ' || keyword || ' ' finds whole words: 'Head-of Sales' -> ' head of sales '.
    Letters of any script (Japanese included) and digits are kept. Japanese writes no space
    between words, so a Latin word glued to kana or kanji is a word of its own:
    'IT部Director' -> ' it 部 director ', '購買Manager' -> ' 購買 manager '. -#}
{% macro word_padded(expression) -%}
    {{ return(adapter.dispatch('word_padded', 'lead_scoring')(expression)) }}
{%- endmacro %}

{% macro _latin_apart_from_japanese(lowered) -%}
    {#- kana, the iteration marks and CJK ideographs (incl. compatibility ones) -#}
    {%- set japanese = '[々〆ぁ-ヿ㐀-鿿豈-﫿]' -%}
    regexp_replace(
        regexp_replace({{ lowered }}, '({{ japanese }})([a-z0-9])', '\1 \2', 'g'),
        '([a-z0-9])({{ japanese }})', '\1 \2', 'g'
    )
{%- endmacro %}

{% macro duckdb__word_padded(expression) -%}
    (' ' || trim(regexp_replace({{ _latin_apart_from_japanese('lower(' ~ expression ~ ')') }}, '[^\pL\pN]+', ' ', 'g')) || ' ')
{%- endmacro %}

{% macro default__word_padded(expression) -%}
    (' ' || trim(regexp_replace({{ _latin_apart_from_japanese('lower(' ~ expression ~ ')') }}, '[^[:alnum:]]+', ' ', 'g')) || ' ')
{%- endmacro %}

{#- Hash of several columns; null and empty text hash differently. -#}
{% macro hash_columns(columns) -%}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- do parts.append("coalesce(cast(" ~ column ~ " as " ~ dbt.type_string() ~ "), '<null>')") -%}
    {%- endfor -%}
    {{ dbt.hash(parts | join(" || '|' || ")) }}
{%- endmacro %}

{#- Text -> double, or null when the text is not a number (never an error). -#}
{% macro try_to_number(expression) -%}
    {{ return(adapter.dispatch('try_to_number', 'lead_scoring')(expression)) }}
{%- endmacro %}

{% macro duckdb__try_to_number(expression) -%}
    try_cast({{ expression }} as double)
{%- endmacro %}

{% macro default__try_to_number(expression) -%}
    (case
        when trim({{ expression }}) ~ '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$'
            then cast(trim({{ expression }}) as double precision)
    end)
{%- endmacro %}

{#- A 64-bit floating point type (dbt.type_float() is 32-bit "float" on DuckDB). -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'lead_scoring')()) }}
{%- endmacro %}

{% macro duckdb__type_double() -%}
    double
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}
