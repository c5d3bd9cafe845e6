{{
    config(
        materialized=replace_by_key_materialization(),
        incremental_strategy='append',
        on_schema_change='sync_all_columns',
        pre_hook="{{ drop_stale_score_totals() }}",
    )
}}

-- Each lead's rule hits (int_lead_score_rule_hits) summed and listed, one row per lead with
-- hits: per score type the points, the rules fired and the reasons in English; the attribute
-- flags; and every reason in Japanese with the labels of score_rule_labels_ja, English where a
-- rule has none. lead_attribute_scores, lead_behavior_scores and lead_score_reasons read it.
-- Sorting each lead's hits into its reasons is the costly part of the score marts, and a
-- lead's hits change far less often than its activities (a hit's latest activity, which
-- lead_behavior_scores reads from the hits, is left out here).
-- Nightly (incremental, on DuckDB) only the leads without rows are summed: the pre-hook
-- drop_stale_score_totals (score_totals_upkeep.sql) first drops the rows of leads whose
-- hits changed or are gone, and every row when the labels changed. Spark rebuilds it.

with

rule_hits as (

    select rule_hits.*
    from {{ ref('int_lead_score_rule_hits') }} as rule_hits
    {{ leads_not_kept('rule_hits') }}

),

labels_ja as (

    select * from {{ ref('stg_locale__rule_labels_ja') }}

),

labelled as (

    select
        rule_hits.lead_id,
        rule_hits.rule_id,
        rule_hits.score_type,
        rule_hits.points,
        rule_hits.is_cap_adjustment,
        rule_hits.reason,
        rule_hits.flag,
        coalesce(labels_ja.label_ja, rule_hits.reason) as reason_ja,
        case when rule_hits.score_type = 'attribute' then rule_hits.points end
            as attribute_points,
        case when rule_hits.score_type = 'behavior' then rule_hits.points end
            as behavior_points,
        case when rule_hits.is_cap_adjustment then 0 else 1 end as fired,
        {{ score_totals_row_hash('rule_hits') }} as row_hash

    from rule_hits
    left join labels_ja
        on rule_hits.rule_id = labels_ja.rule_id

),

totals as (

    -- a hit of the other score type has no points in a half's sum and list, which leaves it
    -- out; the Japanese list is one list, attribute rules first: the order lead_scores gives
    -- the two halves
    select
        lead_id,
        sum(attribute_points) as attribute_score,
        sum(case when score_type = 'attribute' then fired else 0 end) as attribute_rules_fired,
        max(
            case when score_type = 'attribute' and flag = 'needs_nurturing' then 1 else 0 end
        ) = 1 as needs_nurturing,
        max(
            case when score_type = 'attribute' and flag = 'decision_maker' then 1 else 0 end
        ) = 1 as is_decision_maker_involved,
        {{ score_reasons_agg(points='attribute_points') }} as attribute_reasons,
        sum(behavior_points) as behavior_score,
        sum(case when score_type = 'behavior' then fired else 0 end) as behavior_rules_fired,
        {{ score_reasons_agg(points='behavior_points') }} as behavior_reasons,
        {{ score_reasons_agg(reason='reason_ja') }} as score_reasons_ja,
        -- the lead's fingerprint, as the pre-hook computes it (lead_fingerprints)
        bit_xor(row_hash) as inputs_hash

    from labelled
    group by lead_id

),

final as (

    select
        totals.*,
        '{{ rule_labels_ja_version() }}' as labels_version,
        '{{ invocation_id }}' as _written_by

    from totals

)

select * from final
