-- Every hand-off of a lead to sales, one row per lead and hand-off time (a lead recycled and
-- qualified again has several), with the SLA: the first logged sales contact at or after the
-- hand-off (contacts before it do not count), the hours it took, and sla_status met (within
-- var sla_first_contact_hours, exactly that many included), breached (later, or none and the
-- limit has passed) or pending (none yet, the limit not passed). A hand-off ends with the
-- recycle that starts the lead's next cycle; contacts after that count for the next one.

with

history as (

    select * from {{ ref('lead_score_history') }}

),

contacts as (

    select * from {{ ref('int_lead_sales_contacts') }}
    where contacted_at <= {{ score_as_of() }}

),

handoffs as (

    select
        lead_id,
        handed_off_at,
        min(snapshot_date) as recorded_on

    from history
    where is_new_handoff
    group by lead_id, handed_off_at

),

recorded as (

    -- score and tier in the snapshot that recorded the hand-off
    select
        handoffs.lead_id,
        handoffs.handed_off_at,
        handoffs.recorded_on,
        history.total_score as total_score_at_handoff,
        history.tier as tier_at_handoff

    from handoffs
    inner join history
        on
            handoffs.lead_id = history.lead_id
            and handoffs.recorded_on = history.snapshot_date

),

recycles as (

    select distinct
        lead_id,
        recycled_at

    from history
    where is_new_cycle

),

ends as (

    select
        recorded.lead_id,
        recorded.handed_off_at,
        min(recycles.recycled_at) as ended_at

    from recorded
    inner join recycles
        on
            recorded.lead_id = recycles.lead_id
            and recorded.handed_off_at < recycles.recycled_at
    group by recorded.lead_id, recorded.handed_off_at

),

first_contacts as (

    select
        recorded.lead_id,
        recorded.handed_off_at,
        min(
            case when contacts.contacted_at >= recorded.handed_off_at then contacts.contacted_at end
        ) as first_contact_at,
        max(
            case when contacts.contacted_at < recorded.handed_off_at then 1 else 0 end
        ) = 1 as contacted_before_handoff

    from recorded
    left join ends
        on
            recorded.lead_id = ends.lead_id
            and recorded.handed_off_at = ends.handed_off_at
    inner join contacts
        on
            recorded.lead_id = contacts.lead_id
            and (ends.ended_at is null or ends.ended_at > contacts.contacted_at)
    group by recorded.lead_id, recorded.handed_off_at

),

final as (

    select
        recorded.lead_id,
        recorded.handed_off_at,
        recorded.recorded_on,
        recorded.total_score_at_handoff,
        recorded.tier_at_handoff,
        ends.ended_at,
        ends.ended_at is null as is_current,
        {{ add_hours('recorded.handed_off_at', var('sla_first_contact_hours')) }} as sla_due_at,
        first_contacts.first_contact_at,
        round(
            {{ hours_between('recorded.handed_off_at', 'first_contacts.first_contact_at') }}, 2
        ) as hours_to_first_contact,
        case
            when first_contacts.first_contact_at is not null
                then
                    case
                        when
                            {{ epoch_seconds('first_contacts.first_contact_at') }}
                            - {{ epoch_seconds('recorded.handed_off_at') }}
                            <= {{ var('sla_first_contact_hours') }} * 3600
                            then 'met'
                        else 'breached'
                    end
            when
                {{ epoch_seconds(score_as_of()) }} - {{ epoch_seconds('recorded.handed_off_at') }}
                > {{ var('sla_first_contact_hours') }} * 3600
                then 'breached'
            else 'pending'
        end as sla_status,
        coalesce(first_contacts.contacted_before_handoff, false) as contacted_before_handoff

    from recorded
    left join ends
        on
            recorded.lead_id = ends.lead_id
            and recorded.handed_off_at = ends.handed_off_at
    left join first_contacts
        on
            recorded.lead_id = first_contacts.lead_id
            and recorded.handed_off_at = first_contacts.handed_off_at

)

select * from final
