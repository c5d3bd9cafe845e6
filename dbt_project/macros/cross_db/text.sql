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

{#- Spark replaces every match without a flag (a fourth argument is a start position), and
    its patterns and replacements are Java's: see spark_regex. -#}
{% macro spark__regex_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ spark_regex(pattern) }}, {{ spark_regex_replacement(replacement) }})
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
    {{ regex_replace_all(
        regex_replace_all(lowered, "'(" ~ japanese ~ ")([a-z0-9])'", "'\\1 \\2'"),
        "'([a-z0-9])(" ~ japanese ~ ")'", "'\\1 \\2'"
    ) }}
{%- endmacro %}

{% macro duckdb__word_padded(expression) -%}
    (' ' || trim(regexp_replace({{ _latin_apart_from_japanese('lower(' ~ expression ~ ')') }}, '[^\pL\pN]+', ' ', 'g')) || ' ')
{%- endmacro %}

{#- Java's regular expressions know \pL and \pN too (POSIX [[:alnum:]] is not a Java class). -#}
{% macro spark__word_padded(expression) -%}
    (' ' || trim({{ regex_replace_all(_latin_apart_from_japanese('lower(' ~ expression ~ ')'), "'[^\\pL\\pN]+'", "' '") }}) || ' ')
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

{#- A 64-bit hash of several values, for fingerprints combined with bit_xor (the engines'
    hashes differ; each engine only compares with its own). -#}
{% macro value_hash(expressions) -%}
    {{ return(adapter.dispatch('value_hash', 'lead_scoring')(expressions)) }}
{%- endmacro %}

{% macro default__value_hash(expressions) -%}
    hash({{ expressions | join(', ') }})
{%- endmacro %}

{% macro spark__value_hash(expressions) -%}
    xxhash64({{ expressions | join(', ') }})
{%- endmacro %}

{#- A double as text the way DuckDB writes it (Python's repr): 16000000.0, 0.0001, 1e+16,
    1.5e-07, nan, inf. Rules compare field values as text, so the text must not depend on the
    engine. -#}
{% macro double_text(expression) -%}
    {{ return(adapter.dispatch('double_text', 'lead_scoring')(expression)) }}
{%- endmacro %}

{% macro default__double_text(expression) -%}
    cast({{ expression }} as {{ dbt.type_string() }})
{%- endmacro %}

{#- Java writes 1.6E7 and 1.0E-4 outside [0.001, 10^7): its digits and exponent are moved
    into DuckDB's notation (plain below 10^16 and from 0.0001, else 1e+16 / 1.5e-07). -#}
{% macro spark__double_text(expression) -%}
    {%- set x = '(' ~ expression ~ ')' -%}
    {%- set java = 'cast(' ~ x ~ ' as string)' -%}
    {%- set part = "regexp_extract(" ~ java ~ ", '^(-?)([0-9])[.]([0-9]+)E(-?[0-9]+)$', " -%}
    {%- set sign = part ~ "1)" -%}
    {%- set lead = part ~ "2)" -%}
    {%- set fraction = "(case when " ~ part ~ "3) = '0' then '' else " ~ part ~ "3) end)" -%}
    {%- set exponent = "cast(" ~ part ~ "4) as int)" -%}
    {%- set digits = "concat(" ~ lead ~ ", " ~ fraction ~ ")" -%}
    (case
        when {{ x }} is null then null
        when isnan({{ x }}) then 'nan'
        when {{ x }} = cast('Infinity' as double) then 'inf'
        when {{ x }} = cast('-Infinity' as double) then '-inf'
        when {{ x }} = 0 or (abs({{ x }}) >= 0.001 and abs({{ x }}) < 10000000) then {{ java }}
        when abs({{ x }}) >= 0.0001 and abs({{ x }}) < 10000000000000000 and {{ exponent }} < 0
            then concat({{ sign }}, '0.', repeat('0', -{{ exponent }} - 1), {{ digits }})
        when abs({{ x }}) >= 0.0001 and abs({{ x }}) < 10000000000000000
            and length({{ digits }}) <= {{ exponent }} + 1
            then concat({{ sign }}, rpad({{ digits }}, {{ exponent }} + 1, '0'), '.0')
        when abs({{ x }}) >= 0.0001 and abs({{ x }}) < 10000000000000000
            then concat(
                {{ sign }}, substr({{ digits }}, 1, {{ exponent }} + 1), '.',
                substr({{ digits }}, {{ exponent }} + 2)
            )
        else concat(
            {{ sign }}, {{ lead }}, case when {{ fraction }} = '' then '' else concat('.', {{ fraction }}) end,
            'e', case when {{ exponent }} < 0 then '-' else '+' end,
            lpad(cast(abs({{ exponent }}) as string), 2, '0')
        )
    end)
{%- endmacro %}

{#- Text -> double, or null when the text is not a number (never an error). -#}
{% macro try_to_number(expression) -%}
    {{ return(adapter.dispatch('try_to_number', 'lead_scoring')(expression)) }}
{%- endmacro %}

{% macro duckdb__try_to_number(expression) -%}
    try_cast({{ expression }} as double)
{%- endmacro %}

{#- The texts DuckDB's try_cast reads as a double, and only those: surrounding ASCII
    whitespace, a sign, digits with single underscores between them, a decimal point, an
    exponent, nan, inf and infinity in any case. Never an error, ANSI mode on or off. -#}
{% macro spark__try_to_number(expression) -%}
    {%- set digits = '[0-9]+(_[0-9]+)*' -%}
    {%- set number = '^[+-]?(' ~ digits ~ '([.](' ~ digits ~ ')?)?|[.]' ~ digits ~ ')([eE][+-]?' ~ digits ~ ')?$' -%}
    {%- set space = "'^[\\t\\n\\x0B\\f\\r ]+|[\\t\\n\\x0B\\f\\r ]+$'" -%}
    {%- set stripped = "lower(regexp_replace(" ~ expression ~ ", " ~ spark_literal(space) ~ ", ''))" -%}
    (case
        when {{ stripped }} rlike '{{ number }}' then cast(replace({{ stripped }}, '_', '') as double)
        when {{ stripped }} rlike '^[+-]?nan$' then cast('NaN' as double)
        when {{ stripped }} rlike '^[+]?inf(inity)?$' then cast('Infinity' as double)
        when {{ stripped }} rlike '^-inf(inity)?$' then cast('-Infinity' as double)
    end)
{%- endmacro %}

{% macro default__try_to_number(expression) -%}
    (case
        when trim({{ expression }}) ~ '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$'
            then cast(trim({{ expression }}) as double precision)
    end)
{%- endmacro %}

{#- A number as a whole number (integer), rounded half to even as DuckDB's cast rounds;
    Spark's cast truncates. -#}
{% macro whole_number(expression) -%}
    {{ return(adapter.dispatch('whole_number', 'lead_scoring')(expression)) }}
{%- endmacro %}

{% macro default__whole_number(expression) -%}
    cast({{ expression }} as integer)
{%- endmacro %}

{% macro spark__whole_number(expression) -%}
    cast(bround({{ expression }}, 0) as integer)
{%- endmacro %}

{#- A 64-bit floating point type (dbt.type_float() is 32-bit "float" on DuckDB). -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'lead_scoring')()) }}
{%- endmacro %}

{% macro duckdb__type_double() -%}
    double
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}
