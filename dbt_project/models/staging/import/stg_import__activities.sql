-- Imported activities: the activity name as an activity type rules can name, the lead it
-- belongs to (by e-mail, lead id or external id, as the mapping says) and its properties.

with

source as (

    select * from {{ source('import', 'import_activities') }}

),

final as (

    select
        activity_id,
        case
            when lower(lead_ref_type) = 'email' then {{ normalize_email('lead_ref') }}
            else lead_ref
        end as lead_ref,
        lower(lead_ref_type) as lead_ref_type,
        {{ activity_type_of('activity') }} as activity_type,
        {{ parse_iso_timestamp('occurred_at') }} as activity_at,
        cast(properties as {{ dbt.type_string() }}) as properties,
        _loaded_at

    from source
    where activity_id is not null

)

select * from final
