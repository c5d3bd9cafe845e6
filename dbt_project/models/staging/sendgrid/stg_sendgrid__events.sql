{{
    config(
        materialized='incremental',
        unique_key='event_id',
        incremental_strategy='delete+insert',
        on_schema_change='sync_all_columns',
    )
}}

{#- One definition of the columns, used for unique and for duplicated ids below. -#}
{%- set columns -%}
        sg_event_id as event_id,
        sg_message_id as message_id,
        {{ normalize_email('email') }} as email,
        lower(event) as event_name,
        {{ unix_seconds_to_timestamp('timestamp') }} as event_at,
        url,
        -- SendGrid: type "bounce" is a hard bounce, "blocked" a soft one
        case
            when lower(event) = 'bounce'
                then case when lower(type) = 'blocked' then 'soft' else 'hard' end
        end as bounce_type,
        reason,
        status,
        asm_group_id,
        marketing_campaign_id,
        _loaded_at,
        _load_id
{%- endset -%}

with

-- raw is unique on sg_event_id; these are the ids landed twice anyway (normally none).
-- Only their rows go through the (costly) ranking; the rest are read once, straight.
duplicated_ids as (

    select sg_event_id
    from {{ source('sendgrid', 'email_events') }}
    where sg_event_id is not null and {{ not_staged_yet() }}
    group by sg_event_id
    having count(*) > 1

),

unique_events as (

    select
        {{ columns }}

    from {{ source('sendgrid', 'email_events') }}
    where
        sg_event_id is not null
        and {{ not_staged_yet() }}
        and sg_event_id not in (select duplicated_ids.sg_event_id from duplicated_ids)

),

duplicated_events as (

    select
        {{ columns }},
        row_number() over (
            partition by sg_event_id
            order by _loaded_at desc nulls last, _load_id desc nulls last, _source desc nulls last
        ) as copy_rank

    from {{ source('sendgrid', 'email_events') }}
    where
        {{ not_staged_yet() }}
        and sg_event_id in (select duplicated_ids.sg_event_id from duplicated_ids)

),

final as (

    select * from unique_events

    union all

    select
        event_id,
        message_id,
        email,
        event_name,
        event_at,
        url,
        bounce_type,
        reason,
        status,
        asm_group_id,
        marketing_campaign_id,
        _loaded_at,
        _load_id

    from duplicated_events
    where copy_rank = 1

)

select * from final
