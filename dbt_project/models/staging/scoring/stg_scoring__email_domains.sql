with

source as (

    select * from {{ ref('score_email_domains') }}

),

renamed as (

    select
        lower(trim(domain)) as domain,
        lower(trim(domain_type)) as domain_type

    from source

),

checked as (

    select
        *,
        coalesce(
            {{ empty_problem('domain') }},
            case
                when count(*) over (partition by domain) > 1
                    then 'domain is listed more than once'
            end,
            {{ accepted_problem('domain_type', ['free_mail', 'competitor']) }}
        ) as problem

    from renamed

),

final as (

    select
        domain,
        domain_type

    from checked
    where {{ fail_on_invalid_row('score_email_domains', 'domain') }}

)

select * from final
