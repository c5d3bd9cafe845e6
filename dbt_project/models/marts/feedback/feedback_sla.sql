-- SLA of hand-offs for the weekly and monthly meeting: hand-offs by the week or month they
-- happened (and all time), in total, by owner (rep) and by tier at hand-off, with how many
-- met, breached or are pending the first-contact limit, the compliance rate (met of met and
-- breached) and the median hours to first contact.

with

handoffs as (

    select * from {{ ref('lead_handoffs') }}

),

leads as (

    select * from {{ ref('lead_qualification') }}

),

enriched as (

    select
        handoffs.*,
        coalesce(leads.owner_name, '(none)') as owner_name

    from handoffs
    inner join leads
        on handoffs.lead_id = leads.lead_id

),

segments as (

    select
        lead_id,
        handed_off_at,
        'all' as dimension,
        'all' as segment
    from enriched

    union all

    select
        lead_id,
        handed_off_at,
        'owner' as dimension,
        owner_name as segment
    from enriched

    union all

    select
        lead_id,
        handed_off_at,
        'tier' as dimension,
        tier_at_handoff as segment
    from enriched

),

periods as (

    {{ reporting_periods('enriched', 'handed_off_at', ['lead_id', 'handed_off_at']) }}

),

grouped as (

    select
        periods.period_type,
        periods.period_start,
        segments.dimension,
        segments.segment,
        count(*) as handoffs,
        sum(case when enriched.sla_status = 'met' then 1 else 0 end) as sla_met,
        sum(case when enriched.sla_status = 'breached' then 1 else 0 end) as sla_breached,
        sum(case when enriched.sla_status = 'pending' then 1 else 0 end) as sla_pending,
        sum(
            case when enriched.contacted_before_handoff then 1 else 0 end
        ) as contacted_before_handoff,
        {{ median_of('enriched.hours_to_first_contact') }} as median_hours_to_first_contact

    from enriched
    inner join segments
        on
            enriched.lead_id = segments.lead_id
            and enriched.handed_off_at = segments.handed_off_at
    inner join periods
        on
            enriched.lead_id = periods.lead_id
            and enriched.handed_off_at = periods.handed_off_at
    group by periods.period_type, periods.period_start, segments.dimension, segments.segment

),

final as (

    select
        period_type,
        period_start,
        dimension,
        segment,
        handoffs,
        sla_met,
        sla_breached,
        sla_pending,
        contacted_before_handoff,
        {{ rate('sla_met', 'sla_met + sla_breached') }} as sla_compliance_rate,
        round(median_hours_to_first_contact, 2) as median_hours_to_first_contact

    from grouped

)

select * from final
