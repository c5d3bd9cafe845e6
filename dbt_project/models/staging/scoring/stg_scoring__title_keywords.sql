with

source as (

    select * from {{ ref('score_title_keywords') }}

),

renamed as (

    select
        lower(trim(keyword)) as keyword,
        lower(trim(match_type)) as match_type,
        lower(trim(role)) as role,
        trim(priority) as priority,
        nullif(trim(label), '') as label,
        {{ try_to_number('priority') }} as priority_number

    from source

),

checked as (

    select
        *,
        coalesce(
            {{ empty_problem('keyword') }},
            case
                when count(*) over (partition by keyword, match_type) > 1
                    then 'keyword is listed more than once'
            end,
            {{ accepted_problem('match_type', ['word', 'substring']) }},
            {{ accepted_problem('role', ['decision_maker', 'staff']) }},
            {{ empty_problem('priority') }},
            {{ number_problem('priority', whole=true) }},
            {{ empty_problem('label') }}
        ) as problem

    from renamed

),

final as (

    select
        keyword,
        match_type,
        -- whole-word keywords are compared with the padded word form of the title
        case
            when match_type = 'word' then {{ word_padded('keyword') }}
            else keyword
        end as search_text,
        role,
        cast(priority_number as integer) as priority,
        label

    from checked
    where {{ fail_on_invalid_row('score_title_keywords', 'keyword') }}

)

select * from final
