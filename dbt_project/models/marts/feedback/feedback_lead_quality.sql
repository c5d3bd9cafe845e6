-- Sales' feedback on lead quality: the reps' dispositions (accepted, rejected, recycled) and
-- their reasons by the week or month they were given (and all time), per tier and whether
-- marketing had handed the lead off, with each reason's share of the dispositions of that
-- period, tier and hand-off group ("30% of Hot hand-offs rejected: No budget").

with

leads as (

    select * from {{ ref('lead_qualification') }}
    where sales_disposition is not null

),

periods as (

    {{ reporting_periods('leads', 'disposition_at', ['lead_id']) }}

),

grouped as (

    select
        periods.period_type,
        periods.period_start,
        leads.tier,
        leads.is_sales_ready as was_handed_off,
        leads.sales_disposition,
        coalesce(leads.disposition_reason, '(none)') as disposition_reason,
        count(*) as leads,
        avg(leads.total_score) as average_score

    from leads
    inner join periods
        on leads.lead_id = periods.lead_id
    group by
        periods.period_type,
        periods.period_start,
        leads.tier,
        leads.is_sales_ready,
        leads.sales_disposition,
        coalesce(leads.disposition_reason, '(none)')

),

shares as (

    select
        *,
        sum(leads) over (
            partition by period_type, period_start, tier, was_handed_off
        ) as group_leads

    from grouped

),

final as (

    select
        period_type,
        period_start,
        tier,
        was_handed_off,
        sales_disposition,
        disposition_reason,
        leads,
        {{ rate('leads', 'group_leads') }} as share_of_dispositions,
        round(average_score, 1) as average_score

    from shares

)

select * from final
