-- Every lead's score reasons in each locale: English as lead_scores has them, Japanese from
-- the same rule hits with the label of score_rule_labels_ja (English where a rule has none).
-- sync_crm__lead_scores writes the one of LEAD_SCORING_LOCALE; the report reads either.

with

lead_scores as (

    select * from {{ ref('lead_scores') }}

),

rule_hits as (

    select * from {{ ref('int_lead_score_rule_hits') }}

),

labels_ja as (

    select * from {{ ref('stg_locale__rule_labels_ja') }}

),

hits_ja as (

    select
        rule_hits.lead_id,
        rule_hits.rule_id,
        rule_hits.score_type,
        rule_hits.points,
        rule_hits.is_cap_adjustment,
        coalesce(labels_ja.label_ja, rule_hits.reason) as reason

    from rule_hits
    left join labels_ja
        on rule_hits.rule_id = labels_ja.rule_id

),

reasons_ja as (

    -- one list, attribute rules first: the order lead_scores gives its two halves
    select
        lead_id,
        {{ score_reasons_agg() }} as score_reasons_ja

    from hits_ja
    group by lead_id

),

final as (

    select
        lead_scores.lead_id,
        lead_scores.score_reasons as score_reasons_en,
        coalesce(reasons_ja.score_reasons_ja, '') as score_reasons_ja

    from lead_scores
    left join reasons_ja
        on lead_scores.lead_id = reasons_ja.lead_id

)

select * from final
