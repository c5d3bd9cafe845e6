-- score_attribute_rules typed and checked: one attribute (fit) rule per row, on any lead
-- field (a staged column, a custom CRM field or a column of an imported file). The build
-- stops on the first malformed row, naming it.

with

source as (

    select * from {{ ref('score_attribute_rules') }}

),

renamed as (

    select
        nullif(trim(rule_id), '') as rule_id,
        lower(trim(category)) as category,
        lower(nullif(trim(exclusive_group), '')) as exclusive_group,
        trim(priority) as priority,
        nullif(trim(field), '') as field,
        lower(trim(match)) as match,
        nullif(trim(match_values), '') as match_values,
        trim(min_value) as min_value,
        trim(max_value) as max_value,
        trim(points) as points,
        lower(nullif(trim(flag), '')) as flag,
        nullif(trim(label), '') as label,
        {{ try_to_number('priority') }} as priority_number,
        {{ try_to_number('min_value') }} as min_value_number,
        {{ try_to_number('max_value') }} as max_value_number,
        {{ try_to_number('points') }} as points_number

    from source

),

checked as (

    select
        *,
        coalesce(
            {{ empty_problem('rule_id') }},
            {{ repeated_problem('rule_id') }},
            {{ empty_problem('category') }},
            {{ empty_problem('field') }},
            case when field like '%"%' then 'field must not contain a double quote' end,
            {{ accepted_problem('match', attribute_match_kinds()) }},
            case
                when match in ('equals', 'keyword') and match_values is null
                    then 'match ' || match || ' needs match_values'
                when match not in ('equals', 'keyword') and match_values is not null
                    then 'match ' || match || ' takes no match_values'
            end,
            {{ number_problem('min_value') }},
            {{ number_problem('max_value') }},
            case
                when match = 'band' and min_value_number is null and max_value_number is null
                    then 'match band needs min_value, max_value or both'
                when match <> 'band' and (min_value <> '' or max_value <> '')
                    then 'match ' || match || ' takes no min_value or max_value'
                when min_value_number >= max_value_number
                    then 'min_value ' || min_value || ' is not below max_value ' || max_value
            end,
            {{ number_problem('priority', whole=true) }},
            {{ empty_problem('points') }},
            {{ number_problem('points', whole=true) }},
            {{ empty_problem('label') }}
        ) as problem

    from renamed

),

final as (

    select
        rule_id,
        category,
        coalesce(exclusive_group, rule_id) as exclusive_group,
        cast(coalesce(priority_number, 100) as integer) as priority,
        field,
        lower(field) as field_key,
        match,
        match_values,
        min_value_number as min_value,
        max_value_number as max_value,
        cast(points_number as integer) as points,
        flag,
        label

    from checked
    where {{ fail_on_invalid_row('score_attribute_rules', 'rule_id') }}

)

select * from final
