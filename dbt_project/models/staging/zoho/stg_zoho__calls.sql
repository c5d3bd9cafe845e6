with

source as (

    select * from {{ source('zoho', 'crm_calls') }}

),

renamed as (

    select
        id as call_id,
        subject,
        call_type,
        case when se_module = 'Leads' then what_id_id end as lead_id,
        what_id_id as related_record_id,
        what_id_name as related_record_name,
        se_module as related_module,
        owner_id,
        owner_name,
        owner_email,
        -- Zoho sends the duration as "mm:ss" (minutes may exceed 59)
        {{ whole_number(
            try_to_number(dbt.split_part('call_duration', "':'", 1)) ~ ' * 60 + '
            ~ try_to_number(dbt.split_part('call_duration', "':'", 2))
        ) }} as call_duration_seconds,
        {{ parse_iso_timestamp('call_start_time') }} as call_started_at,
        {{ parse_iso_timestamp('created_time') }} as created_at,
        {{ parse_iso_timestamp('modified_time') }} as modified_at,
        modified_time,
        _loaded_at,
        _load_id,
        _source

    from source
    where id is not null

),

versions_ranked as (

    select
        *,
        row_number() over (
            partition by call_id
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
        call_id,
        subject,
        call_type,
        lead_id,
        related_record_id,
        related_record_name,
        related_module,
        owner_id,
        owner_name,
        owner_email,
        call_duration_seconds,
        call_started_at,
        created_at,
        modified_at,
        _loaded_at

    from versions_ranked
    where version_rank = 1

)

select * from final
