{#- How int_lead_qualification_checks is kept up to date a lead at a time (DuckDB; Spark
    rebuilds it), as int_lead_attribute_rule_hits is (attribute_hits.sql). A lead's checks
    follow from its row of int_lead_qualification_facts, its moments of int_lead_score_timeline
    and the criteria: each row keeps the fingerprint of the first two and the version of the
    criteria. Before a run, the pre-hook drops the rows whose lead's inputs changed or are gone,
    and every row when the criteria changed; the run checks every lead without rows. A night of
    the 1M bench changed the inputs of 182,249 of its 1,000,000 leads. -#}

{#- One fingerprint per lead of its inputs: an order-free combination (bit_xor) of a hash of its
    facts row and one of each of its timeline moments. A lead without moments starts its cycle
    at the scoring time (int_lead_qualification_checks' lead_values), so that time is part of
    its fingerprint. `facts` and `timeline` are relations or CTEs of the two models' rows. -#}
{% macro qualification_inputs_fingerprints(facts, timeline) -%}
    {%- call lead_fingerprints() %}
        {%- for model_name, rows in [
            ('int_lead_qualification_facts', facts), ('int_lead_score_timeline', timeline)
        ] %}
        select
            lead_id,
            {{ value_hash(relation_columns(model_name, 'input_rows')) }} as row_hash
        from {{ rows }} as input_rows

        union all
        {% endfor %}
        select
            lead_id,
            {{ value_hash([score_as_of()]) }} as row_hash
        from {{ facts }} as facts_rows
        where not exists (
            select 1 from {{ timeline }} as timeline_rows
            where timeline_rows.lead_id = facts_rows.lead_id
        )
    {%- endcall %}
{%- endmacro %}

{#- The criteria the checks were computed under (relations_version). -#}
{% macro qualification_criteria_version() -%}
    {{- return(relations_version(['int_qualification_criteria'])) -}}
{%- endmacro %}

{#- Pre-hook: drop every row when the criteria changed (or the table predates its fingerprint
    columns), else the rows of leads whose inputs changed or are gone. -#}
{% macro drop_stale_qualification_checks() -%}
    {{ delete_leads_with_changed_inputs(
        'inputs_hash', 'criteria_version', qualification_criteria_version(),
        qualification_inputs_fingerprints(
            ref('int_lead_qualification_facts'), ref('int_lead_score_timeline')
        ),
        'checking every lead again'
    ) }}
{%- endmacro %}
