{#- How int_lead_score_totals is kept up to date a lead at a time (DuckDB; Spark rebuilds it),
    as the attribute hits are (attribute_hits.sql): each row keeps the fingerprint of its
    lead's rule hits and the version of the Japanese labels; before a run, the pre-hook drops
    the rows whose lead's hits changed or are gone, and every row when the labels changed; the
    run sums every lead without a row. A lead's hits change far less often than its
    activities: on a night of the 1M bench, those of 56,843 of 1,000,000 leads. -#}

{#- The hash of one of a lead's rule hits (`alias`: int_lead_score_rule_hits or a CTE of it),
    as far as its totals read it: the model combines these in its own group-by per lead. -#}
{% macro score_totals_row_hash(alias) -%}
    {%- set columns = [] -%}
    {%- for column in ['rule_id', 'score_type', 'points', 'is_cap_adjustment', 'reason', 'flag'] -%}
        {%- do columns.append(alias ~ '.' ~ column) -%}
    {%- endfor -%}
    {{ value_hash(columns) }}
{%- endmacro %}

{#- The Japanese labels the reasons were listed with (relations_version). -#}
{% macro rule_labels_ja_version() -%}
    {{- return(relations_version(['stg_locale__rule_labels_ja'])) -}}
{%- endmacro %}

{#- Every lead's fingerprint over the current hits, for the pre-hook. -#}
{% macro score_totals_inputs_fingerprints() -%}
    {%- call lead_fingerprints() %}
        select
            lead_id,
            {{ score_totals_row_hash('rule_hits') }} as row_hash
        from {{ ref('int_lead_score_rule_hits') }} as rule_hits
    {%- endcall %}
{%- endmacro %}

{#- Pre-hook of int_lead_score_totals. -#}
{% macro drop_stale_score_totals() -%}
    {{ delete_leads_with_changed_inputs(
        'inputs_hash', 'labels_version', rule_labels_ja_version(),
        score_totals_inputs_fingerprints(),
        "summing every lead's hits again"
    ) }}
{%- endmacro %}
