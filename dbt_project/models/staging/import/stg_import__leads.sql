-- Imported leads, the latest version of each (a changed row lands as a new version).

with

source as (

    select * from {{ source('import', 'import_leads') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by lead_id
            order by _loaded_at desc, _load_id desc, _record_hash desc
        ) as version_rank

    from source
    where lead_id is not null

),

final as (

    select
        lead_id,
        external_id,
        {{ normalize_email('email') }} as email,
        email as email_as_entered,
        {{ parse_iso_timestamp('created_at') }} as created_at,
        cast(fields as {{ dbt.type_string() }}) as custom_fields,
        _loaded_at

    from ranked
    where version_rank = 1

)

select * from final
