{{ config(
    materialized='incremental',
    incremental_strategy=replace_by_day_strategy(),
    unique_key='snapshot_date',
    partition_by=day_partitions('snapshot_date'),
    on_schema_change='append_new_columns',
) }}

-- What changed for a lead in a snapshot, for alerts ("became Hot today", "became sales-ready
-- today"): one row per lead, snapshot day and transition. Tier changes give became_hot /
-- became_warm / became_cold; new milestones give became_mql, became_sales_ready (a new
-- hand-off), became_sql; stage changes to won, lost or recycled give became_won,
-- became_lost, became_recycled. A lead's first snapshot has no from_value. Incremental runs
-- add the current snapshot's transitions; a full refresh derives them from all history.

with

history as (

    select * from {{ ref('lead_score_history') }}
    {% if is_incremental() -%}
        where snapshot_date = {{ snapshot_date() }}
    {%- endif %}

),

tier_changes as (

    select
        lead_id,
        snapshot_date,
        'tier' as transition_type,
        'became_' || lower(tier) as transition,
        previous_tier as from_value,
        tier as to_value

    from history
    where previous_tier is null or tier <> previous_tier

),

milestones as (

    select
        lead_id,
        snapshot_date,
        'stage' as transition_type,
        'became_mql' as transition,
        previous_stage as from_value,
        lifecycle_stage as to_value

    from history
    where mql_at is not null and (previous_mql_at is null or mql_at <> previous_mql_at)

    union all

    select
        lead_id,
        snapshot_date,
        'stage' as transition_type,
        'became_sales_ready' as transition,
        previous_stage as from_value,
        lifecycle_stage as to_value

    from history
    where is_new_handoff

    union all

    select
        lead_id,
        snapshot_date,
        'stage' as transition_type,
        'became_sql' as transition,
        previous_stage as from_value,
        lifecycle_stage as to_value

    from history
    where sql_at is not null and (previous_sql_at is null or sql_at <> previous_sql_at)

    union all

    select
        lead_id,
        snapshot_date,
        'stage' as transition_type,
        'became_' || lifecycle_stage as transition,
        previous_stage as from_value,
        lifecycle_stage as to_value

    from history
    where
        lifecycle_stage in ('won', 'lost', 'recycled')
        and (previous_stage is null or lifecycle_stage <> previous_stage or is_new_cycle)

),

final as (

    select * from tier_changes
    union all
    select * from milestones

)

select * from final
