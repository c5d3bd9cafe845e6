{{
    config(
        materialized=replace_by_key_materialization(),
        incremental_strategy='append',
        on_schema_change='sync_all_columns',
        pre_hook="{{ drop_stale_qualification_checks() }}",
    )
}}

-- Every lead checked against seed qualification_criteria (via int_qualification_criteria), one
-- row per lead: whether it meets the MQL, hand-off (MQL and sales-ready) and SQL checklists
-- now, since when (replaying its score over int_lead_score_timeline; fit facts count from the
-- cycle's start, rep-entered fields from the rep's last change), which criteria are unmet,
-- its BANT (0-4) and MEDDIC (0-6) items with the missing ones named, and the lesson's
-- nine-item MQL and SQL checklists, each item met, not_met or unknown (its CRM field empty),
-- the unknown ones named with the CRM fields to fill in.
-- Nightly (incremental, on DuckDB) only the leads without rows are checked: the pre-hook
-- drop_stale_qualification_checks (qualification_checks_upkeep.sql) first drops the rows of
-- leads whose facts or score timeline changed or are gone, and every row when the criteria
-- changed. Spark rebuilds it.
{%- set all_measures = qualification_measures().keys() | list %}
{%- set score_measures = qualification_measures_of(['score']) %}
{%- set rep_measures = qualification_rep_measures() %}
{%- set checklists = qualification_checklists() %}
{%- set item_checklists = qualification_item_checklists() %}
{%- set count_measures = [] %}
{%- for checklist in item_checklists %}
    {%- do count_measures.append(checklist ~ '_items_met') %}
{%- endfor %}
{%- set item_measures = all_measures | reject('in', count_measures) | list %}
{%- set lesson_checklists = ['mql_checklist', 'sql_checklist'] %}
{#- each checklist item as one bit of a lead's item flags (item_flags), in checklist order -#}
{%- set item_bit = {} %}
{%- for checklist in item_checklists %}
    {%- for item in checklists[checklist] %}
        {%- do item_bit.update({checklist ~ '.' ~ item: 2 ** (item_bit | length)}) %}
    {%- endfor %}
{%- endfor %}
{%- if item_bit | length > 62 %}
    {{ exceptions.raise_compiler_error("int_lead_qualification_checks: " ~ item_bit | length ~ " checklist items do not fit the 62 bits of a bigint") }}
{%- endif %}

with

facts as (

    select facts.*
    from {{ ref('int_lead_qualification_facts') }} as facts
    {{ leads_not_kept('facts') }}

),

timeline as (

    select timeline.*
    from {{ ref('int_lead_score_timeline') }} as timeline
    {%- if is_incremental() %}
    where timeline.lead_id in (select facts.lead_id from facts)
    {%- endif %}

),

fingerprints as (

    {{ qualification_inputs_fingerprints('facts', 'timeline') }}

),

criteria as (

    select * from {{ ref('int_qualification_criteria') }}

),

cycles as (

    select
        lead_id,
        min(moment_at) as cycle_started_at,
        max(case when is_latest then total_score end) as total_score,
        max(case when is_latest then attribute_score end) as attribute_score,
        max(case when is_latest then behavior_score end) as behavior_score,
        max(case when is_latest then positive_behavior_rules end) as positive_behavior_rules

    from timeline
    group by lead_id

),

lead_values as (

    select
        facts.*,
        coalesce(cycles.cycle_started_at, facts.created_at, {{ score_as_of() }})
            as cycle_started_at,
        coalesce(cycles.total_score, 0) as total_score,
        coalesce(cycles.attribute_score, 0) as attribute_score,
        coalesce(cycles.behavior_score, 0) as behavior_score,
        coalesce(cycles.positive_behavior_rules, 0) as positive_behavior_rules

    from facts
    left join cycles
        on facts.lead_id = cycles.lead_id

),

item_lead_values as (

    -- as lead_values, but a lead without a score has unknown scores, not 0
    select
        facts.*,
        cycles.total_score,
        cycles.attribute_score,
        cycles.behavior_score,
        cycles.positive_behavior_rules

    from facts
    left join cycles
        on facts.lead_id = cycles.lead_id

),

item_values as (

    select
        item_lead_values.lead_id,
        criteria.checklist,
        criteria.item,
        criteria.item_order,
        criteria.criterion_id,
        criteria.measure_kind,
        criteria.operator,
        criteria.value_number,
        criteria.value_list,
        criteria.crm_field,
        -- the item's bit (item_bit)
        case
            {%- for checklist in item_checklists %}
                {%- for item in checklists[checklist] %}
                    when criteria.checklist = '{{ checklist }}' and criteria.item = '{{ item }}'
                        then cast({{ item_bit[checklist ~ '.' ~ item] }} as bigint)
                {%- endfor %}
            {%- endfor %}
        end as item_bit,
        {{ qualification_measure_values('item_lead_values', 'criteria', item_measures) }}

    from item_lead_values
    cross join criteria
    where criteria.checklist in ({{ "'" ~ item_checklists | join("', '") ~ "'" }})

),

criterion_checks as (

    select
        item_values.*,
        {{ qualification_is_met('item_values') }} as is_met,
        {{ qualification_is_unknown('item_values') }} as is_unknown

    from item_values

),

item_fields as (

    -- the CRM fields an item reads, named when it is unknown: a property of the criteria, the
    -- same for every lead, so joined once as one row of columns
    select
        {%- for checklist in lesson_checklists %}
            {%- for item in checklists[checklist] %}
                max(
                    case
                        when checklist = '{{ checklist }}' and item = '{{ item }}' then crm_fields
                    end
                ) as {{ checklist }}_{{ item }}_fields,
            {%- endfor %}
        {%- endfor %}
        count(*) as item_count

    from (
        select
            checklist,
            item,
            {{ dbt.listagg('crm_field', "' + '", 'order by criterion_id') }} as crm_fields
        from criteria
        where checklist in ({{ "'" ~ lesson_checklists | join("', '") ~ "'" }})
        group by checklist, item
    ) as per_item

),

item_flags as (

    -- per lead, one bit per checklist item (item_bit) in each of three sets: the items with a
    -- criterion, those with a criterion that does not hold, and those with one that fails on
    -- a value. Three bit_or aggregates per lead: a group per lead and item made a hash table
    -- of leads x items, which spilled at a million leads.
    select
        lead_id,
        bit_or(item_bit) as items_checked,
        bit_or(case when is_met then 0 else item_bit end) as items_not_all_met,
        bit_or(case when not is_met and not is_unknown then item_bit else 0 end) as items_failed

    from criterion_checks
    group by lead_id

),

item_pivot as (

    -- one row per lead, a column per checklist item: met when every criterion holds; not_met
    -- when one with a value fails; else unknown (null: the item has no criterion)
    select
        {%- for checklist in item_checklists %}
            {%- for item in checklists[checklist] %}
                {%- set bit = item_bit[checklist ~ '.' ~ item] %}
                case
                    when (items_checked & {{ bit }}) <> 0 and (items_not_all_met & {{ bit }}) = 0
                        then 1
                    else 0
                end
                {%- if not loop.last %} +{% endif %}
            {%- endfor %} as {{ checklist }}_items_met,
            {%- for item in checklists[checklist] %}
                {%- set bit = item_bit[checklist ~ '.' ~ item] %}
                case
                    when (items_checked & {{ bit }}) = 0 then null
                    when (items_not_all_met & {{ bit }}) = 0 then 'met'
                    when (items_failed & {{ bit }}) <> 0 then 'not_met'
                    else 'unknown'
                end as {{ checklist }}_{{ item }},
            {%- endfor %}
        {%- endfor %}
        lead_id

    from item_flags

),

item_summary as (

    -- the lists of missing and unknown items in the checklist's item order (macro listed_items)
    select
        item_pivot.lead_id,
    {%- for checklist in item_checklists %}
        item_pivot.{{ checklist }}_items_met,
        {%- if checklist in lesson_checklists %}
            {%- for item in checklists[checklist] %}
                item_pivot.{{ checklist }}_{{ item }},
            {%- endfor %}
            {{ listed_items('item_pivot', checklist, "= 'unknown'", 'item_fields') }}
                as {{ checklist }}_unknown,
            {{ listed_items('item_pivot', checklist, "= 'not_met'") }} as {{ checklist }}_missing
        {%- else %}
            {%- for item in checklists[checklist] %}
                coalesce(item_pivot.{{ checklist }}_{{ item }} = 'met', false)
                    as has_{{ checklist }}_{{ item }},
            {%- endfor %}
            {{ listed_items('item_pivot', checklist, "<> 'met'") }} as {{ checklist }}_missing
        {%- endif %}
        {{- "," if not loop.last }}
    {%- endfor %}

    from item_pivot
    cross join item_fields

),

stage_lead_values as (

    -- the lead's values with the number of items met of each item checklist
    select
        {%- for checklist in item_checklists %}
            coalesce(item_summary.{{ checklist }}_items_met, 0) as {{ checklist }}_items_met,
        {%- endfor %}
        lead_values.*

    from lead_values
    left join item_summary
        on lead_values.lead_id = item_summary.lead_id

),

stage_values as (

    select
        lead_values.lead_id,
        lead_values.cycle_started_at,
        lead_values.rep_updated_at,
        criteria.criterion_id,
        criteria.checklist,
        criteria.checklist_order,
        criteria.measure,
        criteria.measure_kind,
        criteria.operator,
        criteria.value_number,
        criteria.value_list,
        criteria.label,
        {{ qualification_measure_values('lead_values', 'criteria', all_measures) }}

    from stage_lead_values as lead_values
    cross join criteria
    where criteria.checklist in ('mql', 'sales_ready', 'sql')

),

score_values as (

    -- the score criteria at every moment of the replay
    select
        timeline.lead_id,
        timeline.moment_at,
        criteria.criterion_id,
        criteria.operator,
        criteria.value_number,
        criteria.value_list,
        {{ qualification_measure_values('timeline', 'criteria', score_measures) }}

    from timeline
    cross join criteria
    where
        criteria.checklist in ('mql', 'sales_ready', 'sql')
        and criteria.measure_kind = 'score'

),

score_met_since as (

    select
        score_values.lead_id,
        score_values.criterion_id,
        min(score_values.moment_at) as met_since

    from score_values
    where {{ qualification_is_met('score_values') }}
    group by score_values.lead_id, score_values.criterion_id

),

stage_checks as (

    select
        stage_values.lead_id,
        stage_values.criterion_id,
        stage_values.checklist,
        stage_values.checklist_order,
        stage_values.label,
        {{ qualification_is_met('stage_values') }} as is_met,
        case
            when stage_values.measure_kind = 'score' then score_met_since.met_since
            when stage_values.measure in (
                    {%- for measure in rep_measures %}
                        '{{ measure }}'{{ "," if not loop.last }}
                    {%- endfor %}
                )
                then {{ latest_of([
                    'stage_values.rep_updated_at', 'stage_values.cycle_started_at',
                ]) }}
            else stage_values.cycle_started_at
        end as met_since

    from stage_values
    left join score_met_since
        on
            stage_values.lead_id = score_met_since.lead_id
            and stage_values.criterion_id = score_met_since.criterion_id

),

unmet_list_bits as (

    -- each stage criterion as one bit of its list of unmet criteria (the hand-off list: mql
    -- then sales_ready; the sql list), in the list's order (int_qualification_criteria allows
    -- at most 62 to a list)
    select
        criterion_id,
        unmet_list,
        label,
        list_position,
        cast(power(2, list_position - 1) as bigint) as bit

    from (
        select
            criterion_id,
            {{ unmet_list_of('checklist') }} as unmet_list,
            label,
            row_number() over (
                partition by {{ unmet_list_of('checklist') }}
                order by checklist_order, criterion_id
            ) as list_position

        from criteria
    ) as positioned
    where unmet_list is not null

),

stage_summary as (

    select
        stage_checks.lead_id,
        {%- for checklist in ['mql', 'sales_ready', 'sql'] %}
            coalesce(min(
                case
                    when stage_checks.checklist = '{{ checklist }}'
                        then case when stage_checks.is_met then 1 else 0 end
                end
            ), 0) = 1 as meets_{{ checklist }},
            max(
                case when stage_checks.checklist = '{{ checklist }}' then stage_checks.met_since end
            ) as {{ checklist }}_met_since,
        {%- endfor %}
        cast(sum(
            case
                when unmet_list_bits.unmet_list = 'handoff' and not stage_checks.is_met
                    then unmet_list_bits.bit
                else 0
            end
        ) as bigint) as handoff_unmet_bits,
        cast(sum(
            case
                when unmet_list_bits.unmet_list = 'sql' and not stage_checks.is_met
                    then unmet_list_bits.bit
                else 0
            end
        ) as bigint) as sql_unmet_bits

    from stage_checks
    inner join unmet_list_bits
        on stage_checks.criterion_id = unmet_list_bits.criterion_id
    group by stage_checks.lead_id

),

unmet_labels as (

    -- the labels of each set of unmet criteria that occurs, in the list's order: the ordered
    -- aggregation runs over the distinct sets (a few hundred), not over leads x criteria
    select
        unmet_sets.unmet_list,
        unmet_sets.unmet_bits,
        {{ dbt.listagg('unmet_list_bits.label', "'; '", 'order by unmet_list_bits.list_position') }}
            as unmet_criteria

    from (
        select distinct
            'handoff' as unmet_list,
            handoff_unmet_bits as unmet_bits
        from stage_summary

        union

        select distinct
            'sql' as unmet_list,
            sql_unmet_bits as unmet_bits
        from stage_summary
    ) as unmet_sets
    inner join unmet_list_bits
        on
            unmet_sets.unmet_list = unmet_list_bits.unmet_list
            and (unmet_sets.unmet_bits & unmet_list_bits.bit) <> 0
    group by unmet_sets.unmet_list, unmet_sets.unmet_bits

),

final as (

    select
        lead_values.lead_id,
        lead_values.created_at,
        lead_values.cycle_started_at,
        lead_values.recycled_at,
        lead_values.total_score as cycle_total_score,
        lead_values.attribute_score as cycle_attribute_score,
        lead_values.behavior_score as cycle_behavior_score,
        lead_values.positive_behavior_rules as cycle_positive_behavior_rules,
        coalesce(stage_summary.meets_mql, false) as meets_mql_criteria,
        case when stage_summary.meets_mql then stage_summary.mql_met_since end as mql_met_since,
        coalesce(stage_summary.meets_mql and stage_summary.meets_sales_ready, false)
            as meets_handoff_criteria,
        case
            when stage_summary.meets_mql and stage_summary.meets_sales_ready
                then {{ latest_of([
                    'stage_summary.mql_met_since', 'stage_summary.sales_ready_met_since',
                ]) }}
        end as handoff_met_since,
        coalesce(handoff_unmet.unmet_criteria, '') as handoff_unmet_criteria,
        coalesce(stage_summary.meets_sql, false) as meets_sql_criteria,
        case when stage_summary.meets_sql then stage_summary.sql_met_since end as sql_met_since,
        coalesce(sql_unmet.unmet_criteria, '') as sql_unmet_criteria,
        {%- for checklist in ['bant', 'meddic'] %}
            cast(coalesce(item_summary.{{ checklist }}_items_met, 0) as integer)
                as {{ checklist }}_score,
            {%- for item in checklists[checklist] %}
                coalesce(item_summary.has_{{ checklist }}_{{ item }}, false)
                    as has_{{ checklist }}_{{ item }},
            {%- endfor %}
            coalesce(item_summary.{{ checklist }}_missing, '') as {{ checklist }}_missing,
        {%- endfor %}
        {%- for checklist in lesson_checklists %}
            cast(coalesce(item_summary.{{ checklist }}_items_met, 0) as integer)
                as {{ checklist }}_score,
            {%- for item in checklists[checklist] %}
                coalesce(item_summary.{{ checklist }}_{{ item }}, 'unknown')
                    as {{ checklist }}_{{ item }},
            {%- endfor %}
            coalesce(item_summary.{{ checklist }}_missing, '') as {{ checklist }}_missing,
            coalesce(item_summary.{{ checklist }}_unknown, '') as {{ checklist }}_unknown,
        {%- endfor %}
        lead_values.sales_disposition,
        lead_values.disposition_reason,
        lead_values.disposition_at,
        lead_values.is_accepted,
        lead_values.is_rejected,
        lead_values.deal_outcome,
        lead_values.deal_closed_at,
        lead_values.is_deal_won,
        lead_values.is_deal_lost,
        lead_values.rep_updated_at,
        fingerprints.inputs_hash,
        '{{ qualification_criteria_version() }}'
            as criteria_version,
        '{{ invocation_id }}' as _written_by

    from lead_values
    inner join fingerprints
        on lead_values.lead_id = fingerprints.lead_id
    left join item_summary
        on lead_values.lead_id = item_summary.lead_id
    left join stage_summary
        on lead_values.lead_id = stage_summary.lead_id
    left join unmet_labels as handoff_unmet
        on
            handoff_unmet.unmet_list = 'handoff'
            and stage_summary.handoff_unmet_bits = handoff_unmet.unmet_bits
    left join unmet_labels as sql_unmet
        on
            sql_unmet.unmet_list = 'sql'
            and stage_summary.sql_unmet_bits = sql_unmet.unmet_bits

)

select * from final
