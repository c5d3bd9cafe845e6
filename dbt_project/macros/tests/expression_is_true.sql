{#- Fails on every row where `expression` is not true (null counts as not true). -#}
{% test expression_is_true(model, expression, where_condition=none) %}

select *
from {{ model }}
where
    not coalesce({{ expression }}, false)
    {%- if where_condition %}
    and ({{ where_condition }})
    {%- endif %}

{% endtest %}
