{#- How int_lead_attribute_rule_hits is kept up to date a lead at a time (DuckDB; Spark
    rebuilds it). Each hit row keeps the fingerprint of its lead's field values and the version
    of the attribute rules it was computed under; before a run, the pre-hook drops the rows
    whose lead changed, left, or was scored under other rules, and the run scores every lead
    without rows (the changed, the new, and the few that fire no rule). -#}

{#- One fingerprint per lead of its rows in `field_values` (int_lead_field_values, or a CTE of
    some leads' rows): an order-free combination of a hash per field and value, so no ordered aggregation runs
    over leads x fields. -#}
{% macro lead_field_values_fingerprints(field_values) -%}
    {%- call lead_fingerprints('field_values_hash') %}
        select
            lead_id,
            {{ value_hash(['field_key', 'field_value']) }} as row_hash
        from {{ field_values }}
    {%- endcall %}
{%- endmacro %}

{#- The attribute rules and their values as one hash (relations_version): any change of a rule
    (points and labels included) rescores every lead. -#}
{% macro attribute_rules_version() -%}
    {{- return(relations_version(['stg_scoring__attribute_rules', 'stg_scoring__attribute_rule_values'])) -}}
{%- endmacro %}

{#- Pre-hook: drop every hit when the rules changed (or the table predates its fingerprint
    columns), else the hits of leads whose field values changed or are gone. -#}
{% macro drop_stale_attribute_hits() -%}
    {{ delete_leads_with_changed_inputs(
        'field_values_hash', 'rules_version', attribute_rules_version(),
        lead_field_values_fingerprints(ref('int_lead_field_values')), 'scoring every lead again'
    ) }}
{%- endmacro %}
