{{
    config(
        materialized='incremental',
        unique_key='event_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
    )
}}

with

source as (

    select * from {{ source('sendgrid', 'email_events') }}
    where sg_event_id is not null
    {% if is_incremental() %}
        and (
            _loaded_at >= (select max(_loaded_at) from {{ this }})
            or _loaded_at is null
        )
    {% endif %}

),

renamed as (

    select
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
        _loaded_at

    from source

),

deduplicated as (

    select
        *,
        row_number() over (
            partition by event_id
            order by _loaded_at desc nulls last
        ) as copy_rank

    from renamed

),

final as (

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
        _loaded_at

    from deduplicated
    where copy_rank = 1

)

select * from final
