{{
    config(
        materialized=replace_by_key_materialization(),
        unique_key='lead_id',
        incremental_strategy='delete+insert',
        on_schema_change='sync_all_columns',
        pre_hook="{{ drop_deleted_leads() }}",
    )
}}

-- The latest version of every CRM lead still in the CRM. Nightly (incremental, on DuckDB) only
-- the leads with a version landed after the newest load time staged are ranked again, from
-- all their versions; leads deleted since are dropped first (drop_deleted_leads). On Spark,
-- whose Parquet tables cannot delete a row, the model is rebuilt every run.

with

source as (

    select * from {{ source('zoho', 'crm_leads') }}
    {%- if is_incremental() %}
    where id in (
        select changed.id from {{ source('zoho', 'crm_leads') }} as changed
        where coalesce(
            changed._loaded_at > (select max(staged._loaded_at) from {{ this }} as staged), true
        )
    )
    {%- endif %}

),

deleted as (

    select * from {{ ref('stg_zoho__deleted_leads') }}

),

renamed as (

    select
        id as lead_id,
        {{ normalize_email('email') }} as email,
        email as email_as_entered,
        first_name,
        last_name,
        company,
        -- NFKC-folded: keyword, region and picklist matches see 'CEO', not 'ＣＥＯ'
        {{ normalized_text('designation') }} as job_title,
        {{ normalized_text('industry') }} as industry,
        no_of_employees as employee_count,
        {{ normalized_text('state') }} as state,
        {{ normalized_text('country') }} as country,
        {{ normalized_text('lead_source') }} as lead_source,
        {{ normalized_text('lead_status') }} as lead_status,
        owner_id,
        owner_name,
        owner_email,
        company_growth_rate as growth_rate_pct,
        estimated_budget as estimated_budget_jpy,
        {{ normalized_text('purchase_timeline') }} as purchase_timeline,
        decision_maker as is_decision_maker,
        budget_approved as is_budget_approved,
        approved_budget_amount as approved_budget_jpy,
        authority_confirmed as is_authority_confirmed,
        pain_documented,
        {{ normalized_text('confirmed_timeline') }} as confirmed_timeline,
        meddic_metrics,
        meddic_economic_buyer,
        meddic_decision_criteria,
        meddic_decision_process,
        meddic_identified_pain,
        meddic_champion,
        issue_clarity,
        product_understanding,
        competitive_status,
        past_contact,
        next_step,
        {{ normalized_text('sales_disposition') }} as sales_disposition,
        disposition_reason,
        {{ normalized_text('deal_outcome') }} as deal_outcome,
        lead_score as crm_lead_score,
        attribute_score as crm_attribute_score,
        behavior_score as crm_behavior_score,
        lead_tier as crm_lead_tier,
        lifecycle_stage as crm_lifecycle_stage,
        score_reasons as crm_score_reasons,
        {{ parse_iso_timestamp('created_time') }} as created_at,
        {{ parse_iso_timestamp('modified_time') }} as modified_at,
        {{ parse_iso_timestamp('disposition_time') }} as disposition_at,
        {{ parse_iso_timestamp('deal_closed_time') }} as deal_closed_at,
        {{ parse_iso_timestamp('scored_at') }} as crm_scored_at,
        modified_time,
        -- fields outside the ingest contract (custom fields the mapping asks for), as JSON
        cast(_extra as {{ dbt.type_string() }}) as custom_fields,
        _loaded_at,
        _load_id,
        _source

    from source
    where id is not null

),

versions_ranked as (

    -- raw keeps every version; the latest modified_time wins, then the latest load
    select
        *,
        row_number() over (
            partition by lead_id
            order by
                modified_at desc nulls last,
                modified_time desc nulls last,
                _loaded_at desc nulls last,
                _load_id desc nulls last,
                _source desc nulls last
        ) as version_rank

    from renamed

),

final as (

    select
        lead_id,
        email,
        email_as_entered,
        first_name,
        last_name,
        company,
        job_title,
        industry,
        employee_count,
        state,
        country,
        lead_source,
        lead_status,
        owner_id,
        owner_name,
        owner_email,
        growth_rate_pct,
        estimated_budget_jpy,
        purchase_timeline,
        is_decision_maker,
        is_budget_approved,
        approved_budget_jpy,
        is_authority_confirmed,
        pain_documented,
        confirmed_timeline,
        meddic_metrics,
        meddic_economic_buyer,
        meddic_decision_criteria,
        meddic_decision_process,
        meddic_identified_pain,
        meddic_champion,
        issue_clarity,
        product_understanding,
        competitive_status,
        past_contact,
        next_step,
        sales_disposition,
        disposition_reason,
        deal_outcome,
        crm_lead_score,
        crm_attribute_score,
        crm_behavior_score,
        crm_lead_tier,
        crm_lifecycle_stage,
        crm_score_reasons,
        created_at,
        modified_at,
        disposition_at,
        deal_closed_at,
        crm_scored_at,
        custom_fields,
        _loaded_at,
        '{{ invocation_id }}' as _staged_by

    from versions_ranked
    -- a lead deleted (or merged away) after its latest version has left the CRM
    where
        version_rank = 1
        and not exists (
            select 1 from deleted
            where
                deleted.lead_id = versions_ranked.lead_id
                and deleted.deleted_at >= versions_ranked.modified_at
        )

)

select * from final
