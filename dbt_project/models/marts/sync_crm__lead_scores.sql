-- The payload the reverse ETL writes to Zoho CRM, one row per lead. payload_hash covers
-- every payload column except scored_at, so an unchanged score keeps its hash across runs
-- and the sync can send only the rows whose hash changed. is_sales_ready and handed_off_at
-- drive the hand-off (Priority tag, follow-up task), follow_up_due_at is the task's due time
-- (the hand-off's SLA, var sla_first_contact_hours); none is a CRM field and none is hashed.

with

lead_scores as (

    select * from {{ ref('lead_scores') }}

),

lead_qualification as (

    select * from {{ ref('lead_qualification') }}

),

lead_score_reasons as (

    select * from {{ ref('lead_score_reasons') }}

),

payload as (

    select
        lead_scores.lead_id,
        lead_scores.total_score as lead_score,
        lead_scores.attribute_score,
        lead_scores.behavior_score,
        lead_scores.tier as lead_tier,
        lead_qualification.lifecycle_stage,
        -- the reasons in LEAD_SCORING_LOCALE (en or ja)
        coalesce(
            lead_score_reasons.score_reasons_{{ lead_scoring_locale() }},
            lead_scores.score_reasons
        ) as score_reasons,
        lead_scores.scored_at,
        -- "awaiting sales": lead_qualification.is_sales_ready stays true at sql / won / lost
        coalesce(lead_qualification.lifecycle_stage = 'sales_ready', false) as is_sales_ready,
        lead_qualification.handed_off_at,
        lead_qualification.sla_due_at as follow_up_due_at

    from lead_scores
    left join lead_qualification
        on lead_scores.lead_id = lead_qualification.lead_id
    left join lead_score_reasons
        on lead_scores.lead_id = lead_score_reasons.lead_id

),

final as (

    select
        *,
        {{ hash_columns([
            'lead_id', 'lead_score', 'attribute_score', 'behavior_score',
            'lead_tier', 'lifecycle_stage', 'score_reasons',
        ]) }} as payload_hash

    from payload

)

select * from final
