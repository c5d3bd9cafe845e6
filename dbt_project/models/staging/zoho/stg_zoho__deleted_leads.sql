with

source as (

    select * from {{ source('zoho', 'crm_deleted_leads') }}

),

renamed as (

    select
        id as lead_id,
        {{ parse_iso_timestamp('deleted_time') }} as deleted_at,
        type as deletion_type,
        display_name,
        deleted_by_name

    from source
    where id is not null

),

ranked as (

    select
        *,
        row_number() over (partition by lead_id order by deleted_at desc) as deletion_rank

    from renamed

),

final as (

    select
        lead_id,
        deleted_at,
        deletion_type,
        display_name,
        deleted_by_name

    from ranked
    where deletion_rank = 1

)

select * from final
