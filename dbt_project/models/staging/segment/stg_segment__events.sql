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

    select * from {{ source('segment', 'web_events') }}
    where message_id is not null
    {% if is_incremental() %}
        -- raw is append-only: read the rows loaded since the last run (the last load again,
        -- harmless: delete+insert on event_id keeps one row per event)
        and (
            _loaded_at >= (select max(_loaded_at) from {{ this }})
            or _loaded_at is null
        )
    {% endif %}

),

renamed as (

    select
        message_id as event_id,
        lower(type) as event_type,
        event as event_name,
        name as page_name,
        anonymous_id,
        user_id,
        {{ parse_iso_timestamp('timestamp') }} as event_at,
        {{ parse_iso_timestamp('received_at') }} as received_at,
        -- the e-mail that ties the visitor to a lead: identify traits, or a form fill
        {%- set identified_email -%}
            coalesce(
                {{ json_text('traits', ['email']) }},
                {{ json_text('context', ['traits', 'email']) }},
                {{ json_text('properties', ['email']) }}
            )
        {%- endset %}
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
        {%- set page_path -%}
            coalesce(
                {{ json_text('properties', ['path']) }},
                {{ json_text('context', ['page', 'path']) }}
            )
        {%- endset %}
        case
            when lower(type) = 'page' then {{ page_path }}
        end as page_path,
        _loaded_at

    from source

),

deduplicated as (

    -- message ids are unique in raw; a re-sent message keeps its latest load
    select
        *,
        row_number() over (
            partition by event_id
            order by _loaded_at desc nulls last, received_at desc nulls last
        ) as copy_rank

    from renamed

),

final as (

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
        page_path,
        _loaded_at

    from deduplicated
    where copy_rank = 1

)

select * from final
