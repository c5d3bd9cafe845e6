{{
    config(
        materialized='incremental',
        unique_key='event_id',
        incremental_strategy=replace_by_key_strategy(),
        on_schema_change='sync_all_columns',
    )
}}

{#- JSON is parsed once here, and only for the event types that carry what scoring reads;
    rules read page and track properties from `properties` by name. -#}
{%- set identified_email -%}
    coalesce(
        {{ json_text('traits', ['email']) }},
        {{ json_text('context', ['traits', 'email']) }},
        {{ json_text('properties', ['email']) }}
    )
{%- endset -%}

{#- The staged columns; latest_copy_per_key selects them once per event id. -#}
{%- set columns -%}
        message_id as event_id,
        lower(type) as event_type,
        event as event_name,
        name as page_name,
        anonymous_id,
        user_id,
        {{ parse_iso_timestamp('timestamp') }} as event_at,
        {{ parse_iso_timestamp('received_at') }} as received_at,
        -- the e-mail that ties the visitor to a lead: identify traits, or a form fill
        case
            when lower(type) in ('identify', 'track') then {{ normalize_email(identified_email) }}
        end as identified_email,
        -- the address as the visitor typed it (identified_email is the folded join key)
        case
            when lower(type) in ('identify', 'track') then {{ identified_email }}
        end as identified_email_as_sent,
        -- every property of page and track events, for rules on any property
        case
            when lower(type) in ('page', 'track')
                then cast(properties as {{ dbt.type_string() }})
        end as properties,
        _loaded_at,
        _load_id
{%- endset -%}

with

{{ latest_copy_per_key(source('segment', 'web_events'), 'message_id', columns) }}

select * from final
