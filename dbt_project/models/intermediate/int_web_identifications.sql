{{
    config(
        materialized=replace_by_key_materialization(),
        unique_key='event_id',
        incremental_strategy='delete+insert',
        on_schema_change='sync_all_columns',
    )
}}

-- The web events that name the visitor's e-mail (identify calls, form fills): about one in
-- fifty staged events, so int_web_identities reads these, not every event, each night.
-- Nightly (incremental, on DuckDB) the loads not read yet are read (not_staged_yet), and an
-- event staged again with other content replaces its row; one that no longer names an
-- e-mail keeps a row without one. Spark rebuilds it.

with

events as (

    select * from {{ ref('stg_segment__events') }}
    where {{ not_staged_yet(ref('stg_segment__events')) }}

),

stored as (

    -- the events with a row here: one staged again replaces it, with or without an e-mail
    {%- if is_incremental() %}
    select identified.event_id from {{ this }} as identified
    {%- else %}
        select events.event_id
        from events
        where 1 = 0
    {%- endif %}

),

final as (

    select
        event_id,
        anonymous_id,
        user_id,
        identified_email,
        event_at,
        _load_id

    from events
    where
        identified_email is not null
        or event_id in (select stored.event_id from stored)

)

select * from final
