{#- How an attribute rule compares a lead field (score_attribute_rules.match). -#}
{% macro attribute_match_kinds() -%}
    {{ return(['equals', 'keyword', 'band', 'true', 'false', 'missing', 'present']) }}
{%- endmacro %}

{#- What a behavior rule computes over the matching activities (score_behavior_rules.aggregate). -#}
{% macro activity_aggregates() -%}
    {{ return(['count', 'distinct_count', 'sum', 'max', 'max_count_per_key', 'days_since_last']) }}
{%- endmacro %}

{#- An event name as an activity type: lower case, spaces as underscores
    ("File Downloaded" -> file_downloaded). -#}
{% macro activity_type_of(expression) -%}
    replace(lower(trim({{ expression }})), ' ', '_')
{%- endmacro %}
