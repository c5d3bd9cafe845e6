-- Attribute (fit) rules that fire for each lead: one row per lead and rule, from the band
-- rules on numbers and the value rules on text criteria.

with

lead_attributes as (

    select * from {{ ref('int_lead_attributes') }}

),

bands as (

    select * from {{ ref('stg_scoring__attribute_bands') }}

),

value_rules as (

    select * from {{ ref('stg_scoring__attribute_values') }}

),

numeric_criteria as (

    select
        lead_id,
        'company_size' as criterion,
        cast(employee_count as {{ type_double() }}) as criterion_value
    from lead_attributes

    union all

    select
        lead_id,
        'growth_rate' as criterion,
        cast(growth_rate_pct as {{ type_double() }}) as criterion_value
    from lead_attributes

    union all

    select
        lead_id,
        'budget' as criterion,
        cast(estimated_budget_jpy as {{ type_double() }}) as criterion_value
    from lead_attributes

),

text_criteria as (

    select
        lead_id,
        'industry' as criterion,
        industry_key as criterion_value,
        cast(null as {{ dbt.type_string() }}) as reason_detail
    from lead_attributes

    union all

    select
        lead_id,
        'region' as criterion,
        region_group as criterion_value,
        cast(null as {{ dbt.type_string() }}) as reason_detail
    from lead_attributes

    union all

    select
        lead_id,
        'purchase_timeline' as criterion,
        purchase_timeline_key as criterion_value,
        cast(null as {{ dbt.type_string() }}) as reason_detail
    from lead_attributes

    union all

    select
        lead_id,
        'job_role' as criterion,
        job_role as criterion_value,
        case when job_role in ('decision_maker', 'staff') then title_label end as reason_detail
    from lead_attributes

    union all

    select
        lead_id,
        'email_domain_type' as criterion,
        email_domain_type as criterion_value,
        cast(null as {{ dbt.type_string() }}) as reason_detail
    from lead_attributes

),

band_hits as (

    select
        numeric_criteria.lead_id,
        bands.rule_id,
        bands.criterion,
        bands.points,
        bands.label as reason,
        false as needs_nurturing

    from numeric_criteria
    inner join bands
        on
            numeric_criteria.criterion = bands.criterion
            and (bands.min_value is null or numeric_criteria.criterion_value >= bands.min_value)
            and (bands.max_value is null or numeric_criteria.criterion_value < bands.max_value)
    where numeric_criteria.criterion_value is not null

),

value_hits as (

    select
        text_criteria.lead_id,
        value_rules.rule_id,
        value_rules.criterion,
        value_rules.points,
        case
            when text_criteria.reason_detail is null then value_rules.label
            else value_rules.label || ': ' || text_criteria.reason_detail
        end as reason,
        value_rules.needs_nurturing

    from text_criteria
    inner join value_rules
        on
            text_criteria.criterion = value_rules.criterion
            and text_criteria.criterion_value = value_rules.match_key

),

final as (

    select * from band_hits
    union all
    select * from value_hits

)

select * from final
