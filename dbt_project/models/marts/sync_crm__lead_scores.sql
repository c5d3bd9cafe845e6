-- The payload the reverse ETL writes to Zoho CRM, one row per lead. payload_hash covers
-- every payload column except scored_at, so an unchanged score keeps its hash across runs
-- and the sync can send only the rows whose hash changed.

with

lead_scores as (

    select * from {{ ref('lead_scores') }}

),

payload as (

    select
        lead_id,
        total_score as lead_score,
        attribute_score,
        behavior_score,
        tier as lead_tier,
        -- filled by the qualification model later
        cast(null as {{ dbt.type_string() }}) as lifecycle_stage,
        score_reasons,
        scored_at

    from lead_scores

),

final as (

    select
        *,
        {{ hash_columns([
            'lead_id', 'lead_score', 'attribute_score', 'behavior_score',
            'lead_tier', 'lifecycle_stage', 'score_reasons',
        ]) }} as payload_hash

    from payload

)

select * from final
