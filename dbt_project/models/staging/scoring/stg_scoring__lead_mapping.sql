-- lead_mapping typed and checked: which column of an imported leads or activities file (or
-- which staged CRM column) plays which role, and what counts as a converted or lost lead.
-- The import command reads the same file. The build stops on the first malformed row.

with

source as (

    select * from {{ ref('lead_mapping') }}

),

renamed as (

    select
        row_number() over (
            order by entity nulls last, role nulls last, {{ adapter.quote('column') }} nulls last
        ) as row_number,
        lower(trim(entity)) as entity,
        lower(trim(role)) as role,
        nullif(trim({{ adapter.quote('column') }}), '') as column_name,
        lower(coalesce(nullif(trim(type), ''), 'text')) as value_type,
        nullif(trim({{ adapter.quote('values') }}), '') as mapping_values

    from source

),

checked as (

    select
        *,
        entity || '.' || role || '.' || coalesce(column_name, '') as row_key,
        coalesce(
            {{ accepted_problem('entity', ['leads', 'activities', 'crm']) }},
            case
                when entity = 'leads'
                    and role not in (
                        'id', 'external_id', 'email', 'created_at', 'outcome', 'lost', 'field'
                    )
                    then 'unknown leads role "' || role || '"'
                when entity = 'activities'
                    and role not in ('id', 'lead_ref', 'name', 'occurred_at', 'field')
                    then 'unknown activities role "' || role || '"'
                when entity = 'crm' and role not in ('outcome', 'lost', 'field')
                    then 'unknown crm role "' || role || '"'
            end,
            case when column_name is null then 'column is empty' end,
            case when column_name like '%"%' then 'column must not contain a double quote' end,
            {{ accepted_problem('value_type', ['text', 'number', 'boolean', 'timestamp']) }},
            case
                when role in ('outcome', 'lost') and mapping_values is null
                    then role || ' needs the values that count'
                when role = 'lead_ref'
                    and coalesce(mapping_values, '') not in ('email', 'lead_id', 'external_id')
                    then 'lead_ref values must be email, lead_id or external_id'
                when role not in ('outcome', 'lost', 'lead_ref') and mapping_values is not null
                    then role || ' takes no values'
                when role not in ('field', 'outcome', 'lost')
                    and count(*) over (partition by entity, role) > 1
                    then 'role ' || role || ' is mapped more than once'
            end
        ) as problem

    from renamed

),

final as (

    select
        entity,
        role,
        column_name,
        lower(column_name) as column_key,
        value_type,
        mapping_values

    from checked
    where {{ fail_on_invalid_row('lead_mapping', 'row_key') }}

)

select * from final
