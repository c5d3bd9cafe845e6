-- Every lead's score reasons in each locale: English as lead_scores has them, Japanese from
-- the same rule hits with the label of score_rule_labels_ja (int_lead_score_totals).
-- sync_crm__lead_scores writes the one of LEAD_SCORING_LOCALE; the report reads either.

with

lead_scores as (

    select * from {{ ref('lead_scores') }}

),

totals as (

    select * from {{ ref('int_lead_score_totals') }}

),

final as (

    select
        lead_scores.lead_id,
        lead_scores.score_reasons as score_reasons_en,
        coalesce(totals.score_reasons_ja, '') as score_reasons_ja

    from lead_scores
    left join totals
        on lead_scores.lead_id = totals.lead_id

)

select * from final
