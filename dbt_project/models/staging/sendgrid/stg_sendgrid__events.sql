{{
    config(
        materialized='incremental',
        unique_key='event_id',
        incremental_strategy=replace_by_key_strategy(),
        on_schema_change='sync_all_columns',
    )
}}

{#- The staged columns; latest_copy_per_key selects them once per event id. -#}
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

{{ latest_copy_per_key(source('sendgrid', 'email_events'), 'sg_event_id', columns) }}

select * from final
