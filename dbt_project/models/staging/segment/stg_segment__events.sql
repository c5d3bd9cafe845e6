{{
    config(
        materialized='incremental',
        unique_key='event_id',
        incremental_strategy='delete+insert',
        on_schema_change='sync_all_columns',
    )
}}

{#- JSON is parsed once here, and only for the event types that carry what scoring reads. -#}
{%- set identified_email -%}
    coalesce(
        {{ json_text('traits', ['email']) }},
        {{ json_text('context', ['traits', 'email']) }},
        {{ json_text('properties', ['email']) }}
    )
{%- endset -%}

{#- One definition of the columns, used for unique and for duplicated ids below. -#}
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
        case
            when lower(type) = 'track' then lower({{ json_text('properties', ['form_type']) }})
        end as form_type,
        case
            when lower(type) = 'track' then lower({{ json_text('properties', ['asset']) }})
        end as asset,
        case
            when lower(type) = 'track' then {{ json_text('properties', ['file_name']) }}
        end as file_name,
        case
            when lower(type) = 'track' then {{ json_text('properties', ['webinar_id']) }}
        end as webinar_id,
        case
            when lower(type) = 'track' then {{ json_text('properties', ['trade_show']) }}
        end as trade_show,
        _loaded_at,
        _load_id
{%- endset -%}

with

-- raw is unique on message_id; these are the ids landed twice anyway (normally none).
-- Only their rows go through the (costly) ranking; the rest are read once, straight.
duplicated_ids as (

    select message_id
    from {{ source('segment', 'web_events') }}
    where message_id is not null and {{ not_staged_yet() }}
    group by message_id
    having count(*) > 1

),

unique_events as (

    select
        {{ columns }}

    from {{ source('segment', 'web_events') }}
    where
        message_id is not null
        and {{ not_staged_yet() }}
        and message_id not in (select duplicated_ids.message_id from duplicated_ids)

),

duplicated_events as (

    select
        {{ columns }},
        row_number() over (
            partition by message_id
            order by _loaded_at desc nulls last, _load_id desc nulls last, _source desc nulls last
        ) as copy_rank

    from {{ source('segment', 'web_events') }}
    where
        {{ not_staged_yet() }}
        and message_id in (select duplicated_ids.message_id from duplicated_ids)

),

final as (

    select * from unique_events

    union all

    select
        event_id,
        event_type,
        event_name,
        page_name,
        anonymous_id,
        user_id,
        event_at,
        received_at,
        identified_email,
        form_type,
        asset,
        file_name,
        webinar_id,
        trade_show,
        _loaded_at,
        _load_id

    from duplicated_events
    where copy_rank = 1

)

select * from final
