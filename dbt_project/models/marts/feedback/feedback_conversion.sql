-- Conversion for the weekly and monthly sales and marketing meeting: leads by the week or
-- month they were created (and all time), split by tier, score band, lead source and owner
-- (rep), with the funnel (MQL, sales-ready, SQL, converted, won, lost), its rates and the
-- median hours from creation to hand-off. Converted = sales accepted the lead or a deal
-- closed. Duplicate records of one e-mail count once (the primary lead).

with

leads as (

    select * from {{ ref('lead_qualification') }}

),

lead_scores as (

    select * from {{ ref('lead_scores') }}

),

counted as (

    select leads.*
    from leads
    inner join lead_scores
        on leads.lead_id = lead_scores.lead_id
    where not lead_scores.is_duplicate_email

),

segments as (

    select
        lead_id,
        'all' as dimension,
        'all' as segment
    from counted

    union all

    select
        lead_id,
        'tier' as dimension,
        tier as segment
    from counted

    union all

    select
        lead_id,
        'score_band' as dimension,
        {{ score_band('total_score') }} as segment
    from counted

    union all

    select
        lead_id,
        'lead_source' as dimension,
        coalesce(lead_source, '(none)') as segment
    from counted

    union all

    select
        lead_id,
        'owner' as dimension,
        coalesce(owner_name, '(none)') as segment
    from counted

),

periods as (

    {{ reporting_periods('counted', 'created_at', ['lead_id']) }}

),

grouped as (

    select
        periods.period_type,
        periods.period_start,
        segments.dimension,
        segments.segment,
        count(*) as leads,
        sum(case when counted.is_mql then 1 else 0 end) as mqls,
        sum(case when counted.is_sales_ready then 1 else 0 end) as sales_ready_leads,
        sum(case when counted.is_sql then 1 else 0 end) as sqls,
        sum(case when counted.is_converted then 1 else 0 end) as converted,
        sum(
            case when counted.is_converted and not counted.is_sales_ready then 1 else 0 end
        ) as converted_without_handoff,
        sum(case when counted.is_won then 1 else 0 end) as won,
        sum(case when counted.is_sql and counted.is_won then 1 else 0 end) as sqls_won,
        sum(case when counted.lifecycle_stage = 'lost' then 1 else 0 end) as lost,
        sum(case when counted.is_rejected then 1 else 0 end) as rejected,
        sum(case when counted.recycled_at is not null then 1 else 0 end) as recycled,
        {{ median_of('counted.hours_to_handoff') }} as median_hours_to_handoff

    from counted
    inner join segments
        on counted.lead_id = segments.lead_id
    inner join periods
        on counted.lead_id = periods.lead_id
    group by periods.period_type, periods.period_start, segments.dimension, segments.segment

),

final as (

    select
        period_type,
        period_start,
        dimension,
        segment,
        leads,
        mqls,
        sales_ready_leads,
        sqls,
        converted,
        converted_without_handoff,
        won,
        lost,
        rejected,
        recycled,
        {{ rate('converted', 'leads') }} as conversion_rate,
        {{ rate('won', 'leads') }} as won_rate,
        {{ rate('mqls', 'leads') }} as lead_to_mql_rate,
        {{ rate('sqls', 'mqls') }} as mql_to_sql_rate,
        {{ rate('sqls_won', 'sqls') }} as sql_to_won_rate,
        round(median_hours_to_handoff, 2) as median_hours_to_handoff

    from grouped

)

select * from final
