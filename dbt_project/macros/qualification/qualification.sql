{#- Vocabulary of the qualification model: what a criterion in seed qualification_criteria may
    measure, with which operators, in which checklists, and the order of lifecycle stages. -#}

{#- Measures a criterion can test, with their kind. Score measures are the lead's score in its
    current cycle (after a recycle only activity since then counts); *_items_met are the
    numbers of BANT / MEDDIC items met, for the stage checklists. -#}
{% macro qualification_measures() -%}
    {{ return({
        'total_score': 'score',
        'attribute_score': 'score',
        'behavior_score': 'score',
        'positive_behavior_rules': 'score',
        'bant_items_met': 'number',
        'meddic_items_met': 'number',
        'mql_checklist_items_met': 'number',
        'sql_checklist_items_met': 'number',
        'approved_budget_jpy': 'number',
        'estimated_budget_jpy': 'number',
        'employee_count': 'number',
        'purchase_timeline': 'text',
        'industry': 'text',
        'lead_source': 'text',
        'confirmed_timeline': 'text',
        'pain_documented': 'text',
        'meddic_metrics': 'text',
        'meddic_economic_buyer': 'text',
        'meddic_decision_criteria': 'text',
        'meddic_decision_process': 'text',
        'meddic_identified_pain': 'text',
        'meddic_champion': 'text',
        'issue_clarity': 'text',
        'product_understanding': 'text',
        'competitive_status': 'text',
        'past_contact': 'text',
        'next_step': 'text',
        'sales_disposition': 'text',
        'is_decision_maker': 'flag',
        'is_decision_maker_involved': 'flag',
        'is_budget_approved': 'flag',
        'is_authority_confirmed': 'flag',
    }) }}
{%- endmacro %}

{#- Measure names of some kinds. -#}
{% macro qualification_measures_of(kinds) -%}
    {%- set names = [] -%}
    {%- for name, kind in qualification_measures().items() if kind in kinds -%}
        {%- do names.append(name) -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}

{#- Operators and the measure kinds they apply to. `in` takes a |-separated list (case and
    surrounding spaces ignored); not_empty and is_true take no value. -#}
{% macro qualification_operators() -%}
    {{ return({
        '>=': ['score', 'number'],
        '>': ['score', 'number'],
        '<=': ['score', 'number'],
        '<': ['score', 'number'],
        'in': ['text'],
        'not_empty': ['text'],
        'is_true': ['flag'],
    }) }}
{%- endmacro %}

{#- Checklists and, for the item checklists (BANT, MEDDIC and the lesson's nine-item MQL and
    SQL checklists), their fixed items: lead_qualification has a column per item. The stage
    checklists (mql, sales_ready, sql) take any item name. -#}
{% macro qualification_checklists() -%}
    {{ return({
        'mql': none,
        'sales_ready': none,
        'sql': none,
        'bant': ['budget', 'authority', 'need', 'timeline'],
        'meddic': [
            'metrics', 'economic_buyer', 'decision_criteria', 'decision_process',
            'identified_pain', 'champion',
        ],
        'mql_checklist': [
            'attribute_score', 'behavior_score', 'budget', 'timeline', 'decision_maker',
            'issue', 'product_understanding', 'competition', 'past_contact',
        ],
        'sql_checklist': [
            'attribute_score', 'behavior_score', 'budget', 'timeline', 'decision_maker',
            'issue', 'product_understanding', 'competition', 'next_step',
        ],
    }) }}
{%- endmacro %}

{#- The checklists with fixed items; each has a measure <checklist>_items_met. -#}
{% macro qualification_item_checklists() -%}
    {%- set names = [] -%}
    {%- for name, items in qualification_checklists().items() if items -%}
        {%- do names.append(name) -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}

{#- The list of unmet criteria a stage checklist's criterion is named in: 'handoff' (mql, then
    sales_ready), 'sql', or null for the item checklists. -#}
{% macro unmet_list_of(checklist) -%}
    (case
        when {{ checklist }} in ('mql', 'sales_ready') then 'handoff'
        when {{ checklist }} = 'sql' then 'sql'
    end)
{%- endmacro %}

{#- The CRM field (Zoho API name) each measure reads, named when an item is unknown. -#}
{% macro qualification_crm_fields() -%}
    {{ return({
        'total_score': 'Lead_Score',
        'attribute_score': 'Attribute_Score',
        'behavior_score': 'Behavior_Score',
        'positive_behavior_rules': 'Score_Reasons',
        'approved_budget_jpy': 'Approved_Budget_Amount',
        'estimated_budget_jpy': 'Estimated_Budget',
        'employee_count': 'No_of_Employees',
        'is_decision_maker_involved': 'Designation / Decision_Maker',
        'purchase_timeline': 'Purchase_Timeline',
        'industry': 'Industry',
        'lead_source': 'Lead_Source',
        'confirmed_timeline': 'Confirmed_Timeline',
        'pain_documented': 'Pain_Documented',
        'meddic_metrics': 'MEDDIC_Metrics',
        'meddic_economic_buyer': 'MEDDIC_Economic_Buyer',
        'meddic_decision_criteria': 'MEDDIC_Decision_Criteria',
        'meddic_decision_process': 'MEDDIC_Decision_Process',
        'meddic_identified_pain': 'MEDDIC_Identified_Pain',
        'meddic_champion': 'MEDDIC_Champion',
        'issue_clarity': 'Issue_Clarity',
        'product_understanding': 'Product_Understanding',
        'competitive_status': 'Competitive_Status',
        'past_contact': 'Past_Contact',
        'next_step': 'Next_Step',
        'sales_disposition': 'Sales_Disposition',
        'is_decision_maker': 'Decision_Maker',
        'is_budget_approved': 'Budget_Approved',
        'is_authority_confirmed': 'Authority_Confirmed',
    }) }}
{%- endmacro %}

{#- Rank of a stage: lead and recycled 0, mql 1, sales_ready 2, sql 3, won and lost 4. -#}
{% macro stage_rank(expression) -%}
    case {{ expression }}
        when 'lead' then 0
        when 'recycled' then 0
        when 'mql' then 1
        when 'sales_ready' then 2
        when 'sql' then 3
        when 'won' then 4
        when 'lost' then 4
    end
{%- endmacro %}

{#- Calendar day of the scoring run in the schedule's zone (schedule_zone): the grain of
    lead_score_history, so every run of one local day writes the same snapshot. -#}
{% macro snapshot_date() -%}
    {{ local_date(score_as_of(), schedule_zone()) }}
{%- endmacro %}

{#- A category sum limited by its cap (null bounds = no limit), as score_category_caps does. -#}
{% macro clamp_points(expression, min_column, max_column) -%}
    case
        when {{ max_column }} is not null and {{ expression }} > {{ max_column }}
            then {{ max_column }}
        when {{ min_column }} is not null and {{ expression }} < {{ min_column }}
            then {{ min_column }}
        else {{ expression }}
    end
{%- endmacro %}

{#- Measures a sales rep fills in: a criterion on them counts from the rep's last change. -#}
{% macro qualification_rep_measures() -%}
    {{ return([
        'bant_items_met', 'meddic_items_met', 'mql_checklist_items_met',
        'sql_checklist_items_met', 'approved_budget_jpy', 'confirmed_timeline',
        'pain_documented', 'meddic_metrics', 'meddic_economic_buyer', 'meddic_decision_criteria',
        'meddic_decision_process', 'meddic_identified_pain', 'meddic_champion',
        'issue_clarity', 'product_understanding', 'competitive_status', 'past_contact',
        'next_step', 'sales_disposition', 'is_budget_approved', 'is_authority_confirmed',
    ]) }}
{%- endmacro %}

{#- Columns measure_number, measure_text and measure_flag: the value of the criterion's
    measure (`criteria`.measure) in relation `values`, which has a column per measure in
    `measures`; other measures give null. -#}
{% macro qualification_measure_values(values, criteria, measures) -%}
    {%- set kinds = qualification_measures() -%}
    {%- set typed = [
        (['score', 'number'], type_double(), 'measure_number'),
        (['text'], dbt.type_string(), 'measure_text'),
        (['flag'], dbt.type_boolean(), 'measure_flag'),
    ] -%}
    {%- for measure_kinds, sql_type, column in typed %}
        {%- set names = [] -%}
        {%- for name in measures if kinds[name] in measure_kinds -%}
            {%- do names.append(name) -%}
        {%- endfor -%}
        {%- if names %}
        case {{ criteria }}.measure
            {%- for name in names %}
            when '{{ name }}' then cast({{ values }}.{{ name }} as {{ sql_type }})
            {%- endfor %}
        end as {{ column }}
        {%- else %}
        cast(null as {{ sql_type }}) as {{ column }}
        {%- endif %}
        {{- "," if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{#- True when the criterion (`criteria`.operator, value_number, value_list) holds for the
    values measure_number / measure_text / measure_flag; a missing value never holds. -#}
{% macro qualification_is_met(criteria) -%}
    coalesce(
        case {{ criteria }}.operator
            when '>=' then measure_number >= {{ criteria }}.value_number
            when '>' then measure_number > {{ criteria }}.value_number
            when '<=' then measure_number <= {{ criteria }}.value_number
            when '<' then measure_number < {{ criteria }}.value_number
            when 'in'
                then {{ dbt.position(
                    "'|' || lower(trim(measure_text)) || '|'", criteria ~ '.value_list'
                ) }} > 0
            when 'not_empty' then coalesce(trim(measure_text), '') <> ''
            when 'is_true' then measure_flag
        end,
        false
    )
{%- endmacro %}

{#- True when the measure value of a criterion is missing (null, or blank text): the item it
    belongs to is unknown rather than not met, unless another of its criteria fails. -#}
{% macro qualification_is_unknown(criteria) -%}
    case {{ criteria }}.measure_kind
        when 'text' then coalesce(trim(measure_text), '') = ''
        when 'flag' then measure_flag is null
        else measure_number is null
    end
{%- endmacro %}

{#- Score band label of var feedback_score_band_width: '70-79'; negative scores 'below 0'. -#}
{% macro score_band(expression) -%}
    {%- set width = var('feedback_score_band_width') | int -%}
    {%- if width < 1 -%}
        {{ exceptions.raise_compiler_error("var feedback_score_band_width must be a whole number >= 1") }}
    {%- endif -%}
    case
        when {{ expression }} < 0 then 'below 0'
        else
            cast(cast(floor({{ expression }} / {{ width }}.0) * {{ width }} as integer) as {{ dbt.type_string() }})
            || '-'
            || cast(
                cast(floor({{ expression }} / {{ width }}.0) * {{ width }} + {{ width - 1 }} as integer)
                as {{ dbt.type_string() }}
            )
    end
{%- endmacro %}

{#- numerator / denominator rounded to 4 places; null when the denominator is 0. -#}
{% macro rate(numerator, denominator) -%}
    round(cast({{ numerator }} as {{ type_double() }}) / nullif({{ denominator }}, 0), 4)
{%- endmacro %}

{#- The rows of `relation` once per reporting period: 'all' (period_start null), and the
    'week' and 'month' that `date_column` falls in. `columns` are carried along. -#}
{% macro reporting_periods(relation, date_column, columns=['lead_id']) -%}
    {%- for period in ['all', 'week', 'month'] %}
    {%- if not loop.first %}

    union all
    {% endif %}
    select
        {{ columns | join(',\n        ') }},
        '{{ period }}' as period_type,
        {% if period == 'all' -%}
        cast(null as date) as period_start
        {%- else -%}
        cast({{ dbt.date_trunc(period, date_column) }} as date) as period_start
        {%- endif %}
    from {{ relation }}
    {%- endfor %}
{%- endmacro %}

{#- The items of a fixed checklist whose status column (`<relation>.<checklist>_<item>`) meets
    `status_test`, in the checklist's item order, separated by ', ' ('' when none); with
    `fields_relation`, each as "item (its CRM fields)" from `<checklist>_<item>_fields` there.
    Spelled out item by item, so no per-lead sort: concat_ws skips the nulls on every engine. -#}
{% macro listed_items(relation, checklist, status_test, fields_relation=none) -%}
    concat_ws(', '
    {%- for item in qualification_checklists()[checklist] %},
        case
            when {{ relation }}.{{ checklist }}_{{ item }} {{ status_test }}
            {%- if fields_relation %}
                then '{{ item }} (' || {{ fields_relation }}.{{ checklist }}_{{ item }}_fields || ')'
            {%- else %}
                then '{{ item }}'
            {%- endif %}
        end
    {%- endfor %}
    )
{%- endmacro %}
