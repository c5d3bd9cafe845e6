-- Leads deleted (or merged away) in the CRM: they have left lead_scores, the BI snapshot's
-- marts and the CRM sync set; their lead_score_history rows stay, and this says when and how
-- each left and what it last scored.

with

deleted as (

    select * from {{ ref('stg_zoho__deleted_leads') }}

),

history as (

    select * from {{ ref('lead_score_history') }}

),

still_live as (

    select lead_id from {{ ref('stg_zoho__leads') }}

),

last_snapshots as (

    select
        lead_id,
        snapshot_date,
        total_score,
        tier,
        lifecycle_stage,
        row_number() over (partition by lead_id order by snapshot_date desc) as snapshot_rank

    from history

),

final as (

    select
        deleted.lead_id,
        deleted.deleted_at,
        deleted.deletion_type,
        deleted.deleted_by_name,
        last_snapshots.snapshot_date as last_snapshot_date,
        last_snapshots.total_score as last_total_score,
        last_snapshots.tier as last_tier,
        last_snapshots.lifecycle_stage as last_lifecycle_stage

    from deleted
    left join last_snapshots
        on
            deleted.lead_id = last_snapshots.lead_id
            and last_snapshots.snapshot_rank = 1
    where deleted.lead_id not in (select still_live.lead_id from still_live)

)

select * from final
