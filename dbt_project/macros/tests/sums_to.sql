{#- Fails on rows of the model whose `column_name` differs from the sum of `sum_column` over
    the rows of `detail_model` with the same `key` (a missing detail sums to 0). -#}
{% test sums_to(model, column_name, key, detail_model, sum_column, detail_where='1 = 1') %}

with

detail_sums as (

    select
        {{ key }} as detail_key,
        sum({{ sum_column }}) as detail_total

    from {{ detail_model }}
    where {{ detail_where }}
    group by {{ key }}

)

select
    model_rows.{{ key }},
    model_rows.{{ column_name }},
    coalesce(detail_sums.detail_total, 0) as detail_total

from {{ model }} as model_rows
left join detail_sums
    on model_rows.{{ key }} = detail_sums.detail_key
where model_rows.{{ column_name }} <> coalesce(detail_sums.detail_total, 0)

{% endtest %}
