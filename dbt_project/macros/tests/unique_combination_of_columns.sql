{#- Fails on every combination of the columns that occurs more than once. Rows are grouped by
    a 64-bit hash of the combination first, and by the columns themselves only where a hash
    repeats: grouping millions of rows by two text columns cost two to three times as much
    (1M bench, int_lead_rule_hit_times' 5.1M rows: 1.0-1.8 s against 0.6-0.7 s). -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

{%- set columns = combination_of_columns | join(', ') %}

with

repeated_hashes as (

    select {{ value_hash(combination_of_columns) }} as combination_hash
    from {{ model }}
    group by {{ value_hash(combination_of_columns) }}
    having count(*) > 1

)

select
    {{ columns }},
    count(*) as occurrences
from {{ model }}
where {{ value_hash(combination_of_columns) }} in (
    select repeated_hashes.combination_hash from repeated_hashes
)
group by {{ columns }}
having count(*) > 1

{% endtest %}
