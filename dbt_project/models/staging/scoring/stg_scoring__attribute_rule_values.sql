-- One row per value of an equals or keyword attribute rule ('|'-separated in the seed),
-- lower case and trimmed. A keyword of ASCII letters, digits and spaces matches whole words
-- ("vp" finds "VP, Sales", not "MVP"); any other keyword matches anywhere ("部長" in
-- "購買部長"), since Japanese text has no spaces between words.

with

rules as (

    select * from {{ ref('stg_scoring__attribute_rules') }}
    where match in ('equals', 'keyword')

),

exploded as (

    select
        rule_id,
        match,
        {{ exploded_list('match_values') }} as raw_value

    from rules

),

final as (

    select
        rule_id,
        match,
        lower(trim(raw_value)) as match_value,
        match = 'keyword'
        and {{ regex_contains('lower(trim(raw_value))', "'^[a-z0-9 ]+$'") }} as is_whole_word,
        length(trim(raw_value)) as value_length

    from exploded
    where trim(raw_value) <> ''

)

select * from final
