{#- NFKC's width folding, the part keyword, region and number matching need: full-width
    ASCII forms (ＣＥＯ, ３, ＠) become ASCII and the ideographic space a space. DuckDB has no
    NFKC function; translate() is the same on every engine. (Full-width ' and \ stay as they
    are: they would need engine-specific escaping, and no rule matches them.) -#}
{% macro nfkc_text(expression) -%}
    translate({{ expression }}, '！＂＃＄％＆（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~ ')
{%- endmacro %}

{#- Free text as staging hands it on: NFKC-folded, runs of whitespace one space, trimmed,
    empty -> null. -#}
{% macro normalized_text(expression) -%}
    nullif(trim({{ regex_replace_all(nfkc_text(expression), "'\\s+'", "' '") }}), '')
{%- endmacro %}

{#- An e-mail address as a join key: NFKC-folded, lower case (case folds to one person), no
    whitespace, empty -> null, and a sub-address dropped ('taro+news@x.jp' -> 'taro@x.jp') by
    the separator var('email_subaddress_separators') gives its domain ('*': every other domain;
    '' keeps the address whole, for domains where '+' is part of the mailbox name). -#}
{% macro normalize_email(expression) -%}
    {%- set email = "nullif(lower(" ~ regex_replace_all(nfkc_text(expression), "'\\s+'", "''") ~ "), '')" -%}
    {%- set separators = var('email_subaddress_separators', {'*': '+'}) -%}
    {%- set domains = separators.keys() | reject('equalto', '*') | list -%}
    {%- if domains -%}
    (case split_part({{ email }}, '@', 2)
        {%- for domain in domains %}
        when '{{ domain | lower }}' then {{ _without_subaddress(email, separators[domain]) }}
        {%- endfor %}
        else {{ _without_subaddress(email, separators.get('*', '')) }}
    end)
    {%- else -%}
    {{ _without_subaddress(email, separators.get('*', '')) }}
    {%- endif -%}
{%- endmacro %}

{% macro _without_subaddress(email, separator) -%}
    {%- if separator | length > 1 -%}
        {{ exceptions.raise_compiler_error("var email_subaddress_separators: a separator is one character or '', got '" ~ separator ~ "'") }}
    {%- endif -%}
    {%- if separator -%}
        {{ regex_replace_all(email, "'[" ~ separator ~ "][^@]*@'", "'@'") }}
    {%- else -%}
        {{ email }}
    {%- endif -%}
{%- endmacro %}
