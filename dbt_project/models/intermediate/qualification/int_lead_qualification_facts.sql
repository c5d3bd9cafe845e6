-- One row per lead with what qualification reads from the CRM, as of the scoring time: fit
-- facts, the rep's BANT and MEDDIC fields, the disposition and the deal outcome once they
-- happened (a disposition or a closing after score_as_of is not known yet), and the recycle
-- that started the lead's current cycle.

with

leads as (

    select * from {{ ref('int_leads') }}

),

decision_makers as (

    -- a fired attribute rule flagged decision_maker (a title keyword, the CRM field...)
    select distinct lead_id
    from {{ ref('int_lead_score_rule_hits') }}
    where flag = 'decision_maker'

),

known as (

    select
        *,
        lower(trim(sales_disposition)) as disposition_key,
        lower(trim(deal_outcome)) as outcome_key,
        coalesce(disposition_at <= {{ score_as_of() }}, true) as is_disposition_known,
        coalesce(deal_closed_at <= {{ score_as_of() }}, true) as is_outcome_known

    from leads

),

final as (

    select
        known.lead_id,
        known.email,
        known.owner_id,
        known.owner_name,
        known.lead_source,
        known.industry,
        known.employee_count,
        known.estimated_budget_jpy,
        known.purchase_timeline,
        known.is_decision_maker,
        decision_makers.lead_id is not null as is_decision_maker_involved,
        known.is_budget_approved,
        known.approved_budget_jpy,
        known.is_authority_confirmed,
        known.pain_documented,
        known.confirmed_timeline,
        known.meddic_metrics,
        known.meddic_economic_buyer,
        known.meddic_decision_criteria,
        known.meddic_decision_process,
        known.meddic_identified_pain,
        known.meddic_champion,
        known.issue_clarity,
        known.product_understanding,
        known.competitive_status,
        known.past_contact,
        known.next_step,
        case when known.is_disposition_known then known.sales_disposition end as sales_disposition,
        case
            when known.is_disposition_known then known.disposition_reason
        end as disposition_reason,
        case when known.is_disposition_known then known.disposition_at end as disposition_at,
        coalesce(
            known.is_disposition_known and known.disposition_key = 'accepted', false
        ) as is_accepted,
        coalesce(
            known.is_disposition_known and known.disposition_key = 'rejected', false
        ) as is_rejected,
        case
            when known.is_disposition_known and known.disposition_key = 'recycled'
                then coalesce(known.disposition_at, {{ score_as_of() }})
        end as recycled_at,
        case when known.is_outcome_known then known.deal_outcome end as deal_outcome,
        case when known.is_outcome_known then known.deal_closed_at end as deal_closed_at,
        coalesce(known.is_outcome_known and known.outcome_key = 'won', false) as is_deal_won,
        coalesce(known.is_outcome_known and known.outcome_key = 'lost', false) as is_deal_lost,
        -- when the rep's qualification fields last changed, as far as the CRM tells
        least(
            coalesce(
                case when known.is_disposition_known then known.disposition_at end,
                known.modified_at,
                {{ score_as_of() }}
            ),
            {{ score_as_of() }}
        ) as rep_updated_at,
        known.created_at,
        known.modified_at

    from known
    left join decision_makers
        on known.lead_id = decision_makers.lead_id

)

select * from final
