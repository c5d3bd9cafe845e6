{#- Spark SQL reads a backslash in a string literal as an escape ('\s' is 's'), unless
    spark.sql.parser.escapedStringLiterals is on. A regular expression written for DuckDB as a
    literal ('\s+', '[^\pL\pN]+') goes to Spark as concat() of plain parts and chr(92) (and
    chr(39) for a doubled quote), which means the same text under either setting. Anything
    but a single-quoted literal passes unchanged. -#}
{% macro spark_literal(sql) -%}
    {%- set text = sql | string | trim -%}
    {%- if not modules.re.match("^'([^']|'')*'$", text) -%}
        {{ sql }}
    {%- else -%}
        {%- set body = text[1:-1] -%}
        {%- if '\\' not in body and "''" not in body -%}
            {{ text }}
        {%- else -%}
            {%- set parts = [] -%}
            {%- for piece in modules.re.split("(\\\\|'')", body) if piece != '' -%}
                {%- if piece == '\\' -%}
                    {%- do parts.append('chr(92)') -%}
                {%- elif piece == "''" -%}
                    {%- do parts.append('chr(39)') -%}
                {%- else -%}
                    {%- do parts.append("'" ~ piece ~ "'") -%}
                {%- endif -%}
            {%- endfor -%}
            concat({{ parts | join(', ') }})
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- A DuckDB (RE2) regular expression literal as the same expression for Java's regex:
    \s is [\t\n\f\r ] in RE2 but also matches the vertical tab in Java, so it is spelled out. -#}
{% macro spark_regex(pattern) -%}
    {%- set text = pattern | string | trim -%}
    {%- if modules.re.match("^'([^']|'')*'$", text) -%}
        {%- set text = text | replace('\\s', '[\\t\\n\\f\\r ]') -%}
    {%- endif -%}
    {{ spark_literal(text) }}
{%- endmacro %}

{#- A DuckDB regexp_replace replacement literal ('\1 \2') for Java's ('$1 $2'): a literal $
    is escaped, \1..\9 become group references. -#}
{% macro spark_regex_replacement(replacement) -%}
    {%- set text = replacement | string | trim -%}
    {%- if modules.re.match("^'([^']|'')*'$", text) -%}
        {%- set text = text | replace('$', '\\$') -%}
        {%- set text = modules.re.sub('\\\\([0-9])', '$\\1', text) -%}
    {%- endif -%}
    {{ spark_literal(text) }}
{%- endmacro %}
