-- Sales contacts logged in the CRM on a lead, one row per contact: the SLA's first contact
-- after a hand-off is the earliest of them. Zoho Calls (outbound and inbound, connected or
-- not: an attempt is a contact) are the activities ingested so far; Tasks and Events would
-- be added here as more rows.

with

calls as (

    select * from {{ ref('stg_zoho__calls') }}

),

final as (

    select
        lead_id,
        'call' as contact_type,
        call_id as contact_id,
        call_started_at as contacted_at,
        call_type as contact_direction,
        call_duration_seconds,
        owner_id,
        owner_name

    from calls
    where
        lead_id is not null
        and call_started_at is not null

)

select * from final
