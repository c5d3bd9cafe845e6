-- The hand-off package of every lead: what a rep needs before the first call, from the data
-- the pipeline has. Basic facts (CRM), past behavior (downloads, inquiries), the issue or need
-- sales documented, timeline and budget, and the nurture history (e-mails, webinars, events).
-- Nulls stay null ("unknown" is the reader's word, in the reader's language).

with

leads as (

    select * from {{ ref('int_leads') }}

),

activities as (

    -- only the activity types counted below, and the properties of downloads and forms only:
    -- the other activities (visits, most e-mail events) are most of the rows
    select
        person_key,
        activity_type,
        activity_at,
        case
            when activity_type in ('file_downloaded', 'form_submitted')
                then activity_type || ':' || coalesce(
                        {{ json_text('properties', ['asset']) }},
                        {{ json_text('properties', ['form_type']) }},
                        ''
                    )
        end as kind

    from {{ ref('int_lead_activities') }}
    where
        activity_type in (
            'file_downloaded',
            'form_submitted',
            'email_open',
            'email_click',
            'webinar_attended',
            'webinar_absent',
            'booth_visited'
        )

),

activity_counts as (

    select
        person_key,
        sum(case when kind = 'file_downloaded:price_list' then 1 else 0 end)
            as price_list_downloads,
        sum(case when kind = 'file_downloaded:product_catalog' then 1 else 0 end)
            as catalog_downloads,
        sum(case when activity_type = 'file_downloaded' then 1 else 0 end) as downloads,
        max(case when activity_type = 'file_downloaded' then activity_at end) as last_download_at,
        sum(case when kind = 'form_submitted:contact' then 1 else 0 end) as contact_forms,
        sum(case when kind = 'form_submitted:quote_request' then 1 else 0 end) as quote_requests,
        max(
            case
                when kind in ('form_submitted:contact', 'form_submitted:quote_request')
                    then activity_at
            end
        ) as last_inquiry_at,
        sum(case when activity_type = 'email_open' then 1 else 0 end) as emails_opened,
        sum(case when activity_type = 'email_click' then 1 else 0 end) as emails_clicked,
        sum(case when activity_type = 'webinar_attended' then 1 else 0 end) as webinars_attended,
        sum(case when activity_type = 'webinar_absent' then 1 else 0 end) as webinars_missed,
        sum(case when activity_type = 'booth_visited' then 1 else 0 end) as booth_visits

    from activities
    group by person_key

),

final as (

    select
        leads.lead_id,
        leads.company,
        leads.job_title,
        leads.industry,
        coalesce(activity_counts.price_list_downloads, 0) as price_list_downloads,
        coalesce(activity_counts.catalog_downloads, 0) as catalog_downloads,
        coalesce(activity_counts.downloads, 0) as downloads,
        activity_counts.last_download_at,
        coalesce(activity_counts.contact_forms, 0) as contact_forms,
        coalesce(activity_counts.quote_requests, 0) as quote_requests,
        activity_counts.last_inquiry_at,
        coalesce(
            nullif(trim(leads.pain_documented), ''),
            nullif(trim(leads.meddic_identified_pain), '')
        ) as issue_and_need,
        leads.purchase_timeline,
        leads.confirmed_timeline,
        leads.estimated_budget_jpy,
        leads.is_budget_approved,
        leads.approved_budget_jpy,
        coalesce(activity_counts.emails_opened, 0) as emails_opened,
        coalesce(activity_counts.emails_clicked, 0) as emails_clicked,
        coalesce(activity_counts.webinars_attended, 0) as webinars_attended,
        coalesce(activity_counts.webinars_missed, 0) as webinars_missed,
        coalesce(activity_counts.booth_visits, 0) as booth_visits

    from leads
    left join activity_counts
        on leads.person_key = activity_counts.person_key

)

select * from final
