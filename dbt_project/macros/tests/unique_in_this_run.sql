{#- Fails on every value of the column that the rows this dbt invocation staged (_staged_by)
    share with any row: an incremental staging model checks its new load each night, a probe
    of the key column for a few keys, instead of grouping every row it ever staged (a full
    build stamps, and so checks, every row). -#}
{% test unique_in_this_run(model, column_name) %}

select
    {{ column_name }},
    count(*) as occurrences
from {{ model }}
where {{ column_name }} in (
    select staged.{{ column_name }}
    from {{ model }} as staged
    where staged._staged_by = '{{ invocation_id }}'
)
group by {{ column_name }}
having count(*) > 1

{% endtest %}
