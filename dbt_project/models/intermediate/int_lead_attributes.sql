-- One row per lead with the derived attributes the attribute rules score: job role from
-- the free-text title, region group from the prefecture, e-mail domain type, and which lead
-- is the primary record of an e-mail shared by duplicate leads.

with

leads as (

    select * from {{ ref('stg_zoho__leads') }}

),

title_keywords as (

    select * from {{ ref('stg_scoring__title_keywords') }}

),

region_groups as (

    select * from {{ ref('stg_scoring__region_groups') }}

),

email_domains as (

    select * from {{ ref('stg_scoring__email_domains') }}

),

job_titles as (

    -- classify each distinct title once, not once per lead
    select distinct
        job_title,
        lower(job_title) as title_text,
        {{ word_padded('job_title') }} as title_words

    from leads
    where nullif(trim(job_title), '') is not null

),

title_matches as (

    select
        job_titles.job_title,
        title_keywords.role,
        title_keywords.label,
        row_number() over (
            partition by job_titles.job_title
            order by
                title_keywords.priority asc,
                length(title_keywords.keyword) desc,
                title_keywords.keyword asc
        ) as match_rank

    from job_titles
    inner join title_keywords
        on
            (
                title_keywords.match_type = 'word'
                and {{ dbt.position('title_keywords.search_text', 'job_titles.title_words') }} > 0
            )
            or (
                title_keywords.match_type = 'substring'
                and {{ dbt.position('title_keywords.search_text', 'job_titles.title_text') }} > 0
            )

),

title_roles as (

    select
        job_title,
        role as title_role,
        label as title_label

    from title_matches
    where match_rank = 1

),

email_duplicates as (

    select
        lead_id,
        count(*) over (partition by email) as email_lead_count,
        first_value(lead_id) over (
            partition by email
            order by created_at asc nulls last, lead_id asc
            rows between unbounded preceding and unbounded following
        ) as primary_lead_id

    from leads
    where email is not null

),

final as (

    select
        leads.lead_id,
        leads.email,
        leads.job_title,
        title_roles.title_role,
        title_roles.title_label,
        -- the title decides; the Decision_Maker field only speaks when no keyword matched
        case
            when title_roles.title_role is not null then title_roles.title_role
            when leads.is_decision_maker then 'decision_maker_flag'
            when nullif(trim(leads.job_title), '') is not null then 'other'
        end as job_role,
        leads.employee_count,
        leads.growth_rate_pct,
        leads.estimated_budget_jpy,
        lower(trim(leads.industry)) as industry_key,
        leads.state,
        region_groups.region_group,
        lower(trim(leads.purchase_timeline)) as purchase_timeline_key,
        {{ dbt.split_part('leads.email', "'@'", 2) }} as email_domain,
        email_domains.domain_type as email_domain_type,
        coalesce(email_duplicates.email_lead_count, 1) as email_lead_count,
        coalesce(email_duplicates.primary_lead_id, leads.lead_id) as primary_lead_id

    from leads
    left join title_roles
        on leads.job_title = title_roles.job_title
    left join region_groups
        on lower(trim(leads.state)) = region_groups.state_key
    left join email_domains
        on {{ dbt.split_part('leads.email', "'@'", 2) }} = email_domains.domain
    left join email_duplicates
        on leads.lead_id = email_duplicates.lead_id

)

select * from final
