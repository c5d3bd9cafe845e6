{#- One line of score_reasons: "<reason> +20" / "<reason> -10". -#}
{% macro reason_line(reason, points) -%}
    {{ reason }} || ' '
    || case when {{ points }} > 0 then '+' else '' end
    || cast({{ points }} as {{ dbt.type_string() }})
{%- endmacro %}

{#- Aggregate: the non-zero rule hits of a group as "Title: department head +30; Price list
    download +20", attribute rules first, then by points (largest first) and rule id;
    cap adjustments close their score type. -#}
{% macro score_reasons_agg(reason='reason', points='points', score_type='score_type', rule_id='rule_id', is_cap_adjustment='is_cap_adjustment') -%}
    {{ return(adapter.dispatch('score_reasons_agg', 'lead_scoring')(reason, points, score_type, rule_id, is_cap_adjustment)) }}
{%- endmacro %}

{% macro default__score_reasons_agg(reason, points, score_type, rule_id, is_cap_adjustment) -%}
    coalesce(
        {{ dbt.listagg(
            "case when " ~ points ~ " <> 0 then " ~ reason_line(reason, points) ~ " end",
            "'; '",
            "order by case when " ~ score_type ~ " = 'attribute' then 0 else 1 end, "
                ~ is_cap_adjustment ~ ", " ~ points ~ " desc, " ~ rule_id) }},
        ''
    )
{%- endmacro %}

{#- DuckDB sorts each group of an ordered aggregate on its own, which cost 7 s for 1M leads'
    5M hits. Here each line is prefixed with its sort key as text that sorts the same way
    (type, cap adjustment, points descending as a fixed-width complement, rule id, then a
    \x01 that ends the key), the group's list is sorted, and the keys are cut off: 4 s, the
    same text. Nulls sort last, as in the ordered aggregate. Only the lines listed are
    collected: a list of one score type's hits is given the other type's points as null. -#}
{% macro duckdb__score_reasons_agg(reason, points, score_type, rule_id, is_cap_adjustment) -%}
    coalesce(
        array_to_string(
            list_transform(
                list_sort(list(
                    case when {{ points }} <> 0 then
                        case when {{ score_type }} = 'attribute' then '0' else '1' end
                        || case
                            when {{ is_cap_adjustment }} then '1'
                            when not {{ is_cap_adjustment }} then '0'
                            else '2'
                        end
                        || lpad(cast(10000000000 - {{ points }} as {{ dbt.type_string() }}), 11, '0')
                        || coalesce('0' || {{ rule_id }}, '1')
                        || chr(1)
                        || {{ reason_line(reason, points) }}
                    end
                ) filter (where {{ points }} <> 0)),
                lambda keyed: substr(keyed, strpos(keyed, chr(1)) + 1)
            ),
            '; '
        ),
        ''
    )
{%- endmacro %}
