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
    coalesce(
        {{ dbt.listagg(
            "case when " ~ points ~ " <> 0 then " ~ reason_line(reason, points) ~ " end",
            "'; '",
            "order by case when " ~ score_type ~ " = 'attribute' then 0 else 1 end, "
                ~ is_cap_adjustment ~ ", " ~ points ~ " desc, " ~ rule_id) }},
        ''
    )
{%- endmacro %}
