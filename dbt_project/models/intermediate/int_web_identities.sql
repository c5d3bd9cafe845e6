-- Which lead e-mail each web visitor id belongs to. A visitor becomes known when an identify
-- call or a form fill carries an e-mail; from then on every event of that anonymous_id or
-- user_id, earlier ones included, counts for the lead with that e-mail.

with

events as (

    select * from {{ ref('int_web_identifications') }}

),

identifications as (

    select
        anonymous_id,
        user_id,
        identified_email as email,
        event_at

    from events
    where
        identified_email is not null
        and event_at <= {{ score_as_of() }}

),

visitor_links as (

    select
        'anonymous_id' as visitor_id_type,
        anonymous_id as visitor_id,
        email,
        event_at

    from identifications
    where anonymous_id is not null

    union all

    select
        'user_id' as visitor_id_type,
        user_id as visitor_id,
        email,
        event_at

    from identifications
    where user_id is not null

),

visitor_emails as (

    select
        visitor_id_type,
        visitor_id,
        email,
        min(event_at) as first_identified_at

    from visitor_links
    group by visitor_id_type, visitor_id, email

),

ranked as (

    -- a shared device identified with several e-mails belongs to the first one
    select
        *,
        count(*) over (partition by visitor_id_type, visitor_id) as email_count,
        row_number() over (
            partition by visitor_id_type, visitor_id
            order by first_identified_at nulls last, email nulls last
        ) as email_rank

    from visitor_emails

),

final as (

    select
        visitor_id_type,
        visitor_id,
        email,
        first_identified_at,
        email_count

    from ranked
    where email_rank = 1

)

select * from final
