{#- The language of texts people read (score reasons, report labels): en or ja, from var
    `locale`, else env LEAD_SCORING_LOCALE, else en. Anything else stops the build. -#}
{% macro lead_scoring_locale() -%}
    {%- set locale = var('locale', env_var('LEAD_SCORING_LOCALE', 'en')) | trim | lower -%}
    {%- if locale == '' -%}
        {%- set locale = 'en' -%}
    {%- endif -%}
    {%- if locale not in ['en', 'ja'] -%}
        {{ exceptions.raise_compiler_error(
            "LEAD_SCORING_LOCALE (dbt var locale) is '" ~ locale ~ "': expected en or ja, "
            ~ "e.g. LEAD_SCORING_LOCALE=ja") }}
    {%- endif -%}
    {{ return(locale) }}
{%- endmacro %}
