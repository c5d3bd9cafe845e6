-- The lead's qualification, one row per lead: lifecycle stage (lead -> mql -> sales_ready ->
-- sql -> won / lost, or recycled) and its milestones from today's lead_score_history
-- snapshot, the criteria checked now (with what is missing), BANT 0-4 and MEDDIC 0-6 with
-- one flag per item, the lesson's nine-item MQL and SQL checklists (each item met, not_met or
-- unknown), the rep's disposition and deal outcome, and the SLA of the current
-- hand-off (see lead_handoffs).
{%- set checklists = qualification_checklists() %}

with

history as (

    select * from {{ ref('lead_score_history') }}
    where snapshot_date = {{ snapshot_date() }}

),

checks as (

    select * from {{ ref('int_lead_qualification_checks') }}

),

facts as (

    select * from {{ ref('int_lead_qualification_facts') }}

),

handoffs as (

    select * from {{ ref('lead_handoffs') }}

),

outcomes as (

    select * from {{ ref('int_lead_outcomes') }}

),

final as (

    select
        history.lead_id,
        facts.email,
        facts.owner_id,
        facts.owner_name,
        facts.lead_source,
        facts.created_at,
        history.total_score,
        history.tier,
        history.lifecycle_stage,
        history.is_mql,
        history.is_sales_ready,
        history.is_sql,
        history.lifecycle_stage in ('won', 'lost') as is_closed,
        history.recycled_at,
        history.mql_at,
        history.handed_off_at,
        history.sql_at,
        history.closed_at,
        checks.meets_mql_criteria,
        checks.meets_handoff_criteria,
        checks.handoff_unmet_criteria,
        checks.meets_sql_criteria,
        checks.sql_unmet_criteria,
        {%- for checklist in ['bant', 'meddic'] %}
            checks.{{ checklist }}_score,
            {%- for item in checklists[checklist] %}
                checks.has_{{ checklist }}_{{ item }},
            {%- endfor %}
            checks.{{ checklist }}_missing,
        {%- endfor %}
        {%- for checklist in ['mql_checklist', 'sql_checklist'] %}
            checks.{{ checklist }}_score,
            {%- for item in checklists[checklist] %}
                checks.{{ checklist }}_{{ item }},
            {%- endfor %}
            checks.{{ checklist }}_missing,
            checks.{{ checklist }}_unknown,
        {%- endfor %}
        facts.sales_disposition,
        facts.disposition_reason,
        facts.disposition_at,
        facts.deal_outcome,
        facts.deal_closed_at,
        -- converted as the profile's lead_mapping defines it; lost is never converted
        coalesce(outcomes.is_converted, false) as is_converted,
        facts.is_rejected,
        facts.is_deal_won as is_won,
        round({{ hours_between('facts.created_at', 'history.handed_off_at') }}, 2)
            as hours_to_handoff,
        handoffs.sla_due_at,
        handoffs.first_contact_at,
        handoffs.hours_to_first_contact,
        handoffs.sla_status,
        coalesce(handoffs.contacted_before_handoff, false) as contacted_before_handoff,
        history.snapshot_date,
        history.snapshot_at as qualified_at

    from history
    inner join checks
        on history.lead_id = checks.lead_id
    inner join facts
        on history.lead_id = facts.lead_id
    left join handoffs
        on
            history.lead_id = handoffs.lead_id
            and history.handed_off_at = handoffs.handed_off_at
    left join outcomes
        on history.lead_id = outcomes.lead_id

)

select * from final
