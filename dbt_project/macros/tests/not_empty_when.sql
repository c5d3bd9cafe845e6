{#- Fails on rows where `condition` holds and the text column is null or empty. -#}
{% test not_empty_when(model, column_name, condition) %}

select *
from {{ model }}
where
    ({{ condition }})
    and coalesce(trim({{ column_name }}), '') = ''

{% endtest %}
