-- The Japanese reason text of each rule (seed score_rule_labels_ja, keyed by rule_id; cap
-- adjustments by 'cap:<category>'). A duplicate or empty row stops the build naming the row.

with

source as (

    select * from {{ ref('score_rule_labels_ja') }}

),

renamed as (

    select
        trim(rule_id) as rule_id,
        nullif(trim(label_ja), '') as label_ja

    from source

),

checked as (

    select
        *,
        coalesce(
            {{ empty_problem('rule_id') }},
            {{ repeated_problem('rule_id') }},
            {{ empty_problem('label_ja') }}
        ) as problem

    from renamed

),

final as (

    select
        rule_id,
        label_ja

    from checked
    where {{ fail_on_invalid_row('score_rule_labels_ja', 'rule_id') }}

)

select * from final
