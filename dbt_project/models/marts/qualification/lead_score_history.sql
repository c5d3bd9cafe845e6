{{ config(
    materialized='incremental',
    incremental_strategy=replace_by_day_strategy(),
    unique_key='snapshot_date',
    partition_by=day_partitions('snapshot_date'),
    on_schema_change='append_new_columns',
    full_refresh=false,
    pre_hook="{{ history_undo() }}",
) }}

-- One row per lead and snapshot day: score, tier and lifecycle stage, and the stage
-- milestones. This table is the qualification model's memory: a milestone (mql_at,
-- handed_off_at, sql_at) is set once, on the first run that sees its criteria met, and later
-- runs carry it forward unchanged, so a stage never goes back and a hand-off time never
-- moves, whatever the scores do afterwards. Only a recycle (Sales_Disposition = Recycled)
-- starts a new cycle from stage recycled.
-- A new milestone's time is when its criteria were met by the replay of the lead's score
-- (int_lead_qualification_checks), but never before the last snapshot that saw the lead
-- without it. Every run writes the snapshot of its day (score_as_of in snapshot_timezone);
-- a second run on one day replaces that day's rows, keeping the milestones the day's first
-- run set (previous_* and is_new_* still compare with the previous day). Never rebuilt by
-- --full-refresh.

with

checks as (

    select * from {{ ref('int_lead_qualification_checks') }}

),

lead_scores as (

    select * from {{ ref('lead_scores') }}

),

previous as (

    {% if is_incremental() -%}
        -- the latest snapshot of an earlier day
        select * from {{ this }}
        where snapshot_date = (
            select max(earlier.snapshot_date) from {{ this }} as earlier
            where earlier.snapshot_date < {{ snapshot_date() }}
        )
    {%- else -%}
        select
            cast(null as {{ dbt.type_string() }}) as lead_id,
            cast(null as timestamp) as snapshot_at,
            cast(null as {{ dbt.type_string() }}) as tier,
            cast(null as {{ dbt.type_string() }}) as lifecycle_stage,
            cast(null as timestamp) as recycled_at,
            cast(null as timestamp) as mql_at,
            cast(null as timestamp) as handed_off_at,
            cast(null as timestamp) as sql_at,
            cast(null as timestamp) as closed_at
        where 1 = 0
    {%- endif %}

),

same_day as (

    {% if is_incremental() -%}
        -- an earlier run of this day (not a later one, when a day is run again back in time)
        select * from {{ this }}
        where
            snapshot_date = {{ snapshot_date() }}
            and snapshot_at <= {{ score_as_of() }}
    {%- else -%}
        select * from previous
    {%- endif %}

),

latest_state as (

    -- what this run carries forward: the day's earlier run if any, else the previous day
    select * from same_day

    union all

    select previous.*
    from previous
    left join same_day
        on previous.lead_id = same_day.lead_id
    where same_day.lead_id is null

),

joined as (

    select
        checks.lead_id,
        {{ snapshot_date() }} as snapshot_date,
        {{ score_as_of() }} as snapshot_at,
        lead_scores.total_score,
        lead_scores.attribute_score,
        lead_scores.behavior_score,
        lead_scores.tier,
        checks.cycle_total_score,
        checks.meets_mql_criteria,
        checks.mql_met_since,
        checks.meets_handoff_criteria,
        checks.handoff_met_since,
        checks.handoff_unmet_criteria,
        checks.meets_sql_criteria,
        checks.sql_met_since,
        checks.bant_score,
        checks.meddic_score,
        checks.recycled_at as crm_recycled_at,
        case
            when checks.is_deal_won then 'won'
            when checks.is_deal_lost or checks.is_rejected then 'lost'
        end as crm_outcome,
        case
            when checks.is_deal_won or checks.is_deal_lost
                then coalesce(checks.deal_closed_at, checks.disposition_at, {{ score_as_of() }})
            when checks.is_rejected then coalesce(checks.disposition_at, {{ score_as_of() }})
        end as crm_outcome_at,
        previous.snapshot_at as previous_snapshot_at,
        previous.tier as previous_tier,
        previous.lifecycle_stage as previous_stage,
        previous.recycled_at as previous_recycled_at,
        previous.mql_at as previous_mql_at,
        previous.handed_off_at as previous_handed_off_at,
        previous.sql_at as previous_sql_at,
        latest_state.lead_id is not null as has_state,
        latest_state.snapshot_at as state_snapshot_at,
        latest_state.lifecycle_stage as state_stage,
        latest_state.recycled_at as state_recycled_at,
        latest_state.mql_at as state_mql_at,
        latest_state.handed_off_at as state_handed_off_at,
        latest_state.sql_at as state_sql_at,
        latest_state.closed_at as state_closed_at

    from checks
    inner join lead_scores
        on checks.lead_id = lead_scores.lead_id
    left join previous
        on checks.lead_id = previous.lead_id
    left join latest_state
        on checks.lead_id = latest_state.lead_id

),

cycles as (

    select
        *,
        coalesce(
            crm_recycled_at is not null
            and (state_recycled_at is null or crm_recycled_at > state_recycled_at),
            false
        ) as starts_cycle

    from joined

),

carried as (

    select
        *,
        case when starts_cycle then crm_recycled_at else state_recycled_at end as recycled_at,
        has_state and not starts_cycle as carries_state,
        -- a new milestone is not older than the last snapshot of the cycle that lacked it
        case
            when has_state and not starts_cycle then state_snapshot_at
            when starts_cycle then crm_recycled_at
        end as milestone_floor,
        has_state and not starts_cycle and state_stage in ('won', 'lost') as was_closed

    from cycles

),

closed as (

    select
        *,
        case
            when
                crm_outcome is not null
                and crm_outcome_at <= snapshot_at
                and (recycled_at is null or crm_outcome_at > recycled_at)
                then crm_outcome
            when was_closed then state_stage
        end as closed_stage,
        case
            when was_closed then state_closed_at
            when
                crm_outcome is not null
                and crm_outcome_at <= snapshot_at
                and (recycled_at is null or crm_outcome_at > recycled_at)
                then crm_outcome_at
        end as closed_at

    from carried

),

with_mql as (

    select
        *,
        case
            when carries_state and state_mql_at is not null then state_mql_at
            when was_closed then null
            when
                meets_mql_criteria
                and {{ latest_of(['mql_met_since', 'milestone_floor']) }}
                <= coalesce(closed_at, snapshot_at)
                then {{ latest_of(['mql_met_since', 'milestone_floor']) }}
        end as mql_at

    from closed

),

with_handoff as (

    select
        *,
        case
            when carries_state and state_handed_off_at is not null
                then state_handed_off_at
            when was_closed then null
            when
                meets_handoff_criteria
                and mql_at is not null
                and {{ latest_of(['handoff_met_since', 'mql_at', 'milestone_floor']) }}
                <= coalesce(closed_at, snapshot_at)
                then {{ latest_of(['handoff_met_since', 'mql_at', 'milestone_floor']) }}
        end as handed_off_at

    from with_mql

),

with_sql as (

    select
        *,
        case
            when carries_state and state_sql_at is not null then state_sql_at
            when was_closed then null
            when
                meets_sql_criteria
                and handed_off_at is not null
                -- the rep's answers from before a recycle do not qualify the next cycle
                and crm_recycled_at is null
                and {{ latest_of(['sql_met_since', 'handed_off_at', 'milestone_floor']) }}
                <= coalesce(closed_at, snapshot_at)
                then {{ latest_of(['sql_met_since', 'handed_off_at', 'milestone_floor']) }}
        end as sql_at

    from with_handoff

),

final as (

    select
        lead_id,
        snapshot_date,
        snapshot_at,
        total_score,
        attribute_score,
        behavior_score,
        tier,
        cycle_total_score,
        case
            when closed_stage is not null then closed_stage
            when sql_at is not null then 'sql'
            when handed_off_at is not null then 'sales_ready'
            when mql_at is not null then 'mql'
            when recycled_at is not null then 'recycled'
            else 'lead'
        end as lifecycle_stage,
        mql_at is not null as is_mql,
        handed_off_at is not null as is_sales_ready,
        sql_at is not null as is_sql,
        recycled_at,
        mql_at,
        handed_off_at,
        sql_at,
        closed_at,
        meets_mql_criteria,
        meets_handoff_criteria,
        handoff_unmet_criteria,
        meets_sql_criteria,
        bant_score,
        meddic_score,
        coalesce(
            recycled_at is not null
            and (previous_recycled_at is null or recycled_at <> previous_recycled_at),
            false
        ) as is_new_cycle,
        coalesce(
            handed_off_at is not null
            and (previous_handed_off_at is null or handed_off_at <> previous_handed_off_at),
            false
        ) as is_new_handoff,
        previous_snapshot_at,
        previous_tier,
        previous_stage,
        previous_mql_at,
        previous_handed_off_at,
        previous_sql_at

    from with_sql

)

select * from final
