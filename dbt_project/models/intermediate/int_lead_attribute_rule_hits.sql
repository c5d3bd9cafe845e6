{{
    config(
        materialized=replace_by_key_materialization(),
        incremental_strategy='append',
        on_schema_change='sync_all_columns',
        pre_hook="{{ drop_stale_attribute_hits() }}",
    )
}}

-- Attribute (fit) rules that fire for each lead: one row per lead and rule. A rule compares
-- one field of the lead (equals one of its values, contains one of its keywords, falls in
-- its band, is true / false, is missing / present); of the rules of one exclusive group only
-- the first fires: lowest priority, then the longest matched keyword, then the most points.
-- Nightly (incremental, on DuckDB) only the leads without rows are scored: the pre-hook
-- drop_stale_attribute_hits (attribute_hits.sql) first drops the rows of leads whose field
-- values changed or are gone, and every row when the rules changed. Spark rebuilds it.

with

field_values as (

    select field_values.*
    from {{ ref('int_lead_field_values') }} as field_values
    {{ leads_not_kept('field_values') }}

),

fingerprints as (

    {{ lead_field_values_fingerprints('field_values') }}

),

rules as (

    select * from {{ ref('stg_scoring__attribute_rules') }}

),

rule_values as (

    select * from {{ ref('stg_scoring__attribute_rule_values') }}

),

distinct_texts as (

    -- keywords are looked for once per distinct text, not once per lead
    select distinct
        field_key,
        field_value,
        lower(trim(field_value)) as value_key,
        {{ word_padded('field_value') }} as value_words

    from field_values
    where nullif(trim(field_value), '') is not null

),

text_matches as (

    select
        distinct_texts.field_key,
        distinct_texts.field_value,
        rules.rule_id,
        max(rule_values.value_length) as matched_length

    from distinct_texts
    inner join rules
        on distinct_texts.field_key = rules.field_key
    inner join rule_values
        on
            rules.rule_id = rule_values.rule_id
            and (
                (rules.match = 'equals' and distinct_texts.value_key = rule_values.match_value)
                or (
                    rules.match = 'keyword'
                    and rule_values.is_whole_word
                    and {{ dbt.position(
                        "' ' || rule_values.match_value || ' '",
                        'distinct_texts.value_words'
                    ) }} > 0
                )
                or (
                    rules.match = 'keyword'
                    and not rule_values.is_whole_word
                    and {{ dbt.position(
                        'rule_values.match_value', 'distinct_texts.value_key'
                    ) }} > 0
                )
            )
    group by distinct_texts.field_key, distinct_texts.field_value, rules.rule_id

),

text_hits as (

    select
        field_values.lead_id,
        text_matches.rule_id,
        text_matches.matched_length

    from field_values
    inner join text_matches
        on
            field_values.field_key = text_matches.field_key
            and field_values.field_value = text_matches.field_value

),

numbers as (

    select
        *,
        {{ try_to_number('field_value') }} as number_value

    from field_values

),

other_hits as (

    select
        numbers.lead_id,
        rules.rule_id,
        0 as matched_length

    from numbers
    inner join rules
        on numbers.field_key = rules.field_key
    where
        (
            rules.match = 'band'
            and numbers.number_value is not null
            and (rules.min_value is null or numbers.number_value >= rules.min_value)
            and (rules.max_value is null or numbers.number_value < rules.max_value)
        )
        or (
            rules.match = 'true'
            and lower(trim(numbers.field_value)) in ('true', 't', '1', 'yes', 'y')
        )
        or (
            rules.match = 'false'
            and lower(trim(numbers.field_value)) in ('false', 'f', '0', 'no', 'n')
        )
        or (rules.match = 'missing' and nullif(trim(numbers.field_value), '') is null)
        or (rules.match = 'present' and nullif(trim(numbers.field_value), '') is not null)

),

hits as (

    select * from text_hits
    union all
    select * from other_hits

),

ranked as (

    select
        hits.lead_id,
        rules.rule_id,
        rules.category,
        rules.points,
        rules.label,
        rules.flag,
        row_number() over (
            partition by hits.lead_id, rules.exclusive_group
            order by
                rules.priority asc,
                hits.matched_length desc,
                abs(rules.points) desc,
                rules.rule_id asc
        ) as group_rank

    from hits
    inner join rules
        on hits.rule_id = rules.rule_id

),

final as (

    select
        ranked.lead_id,
        ranked.rule_id,
        ranked.category,
        ranked.points,
        ranked.label as reason,
        ranked.flag,
        fingerprints.field_values_hash,
        '{{ attribute_rules_version() }}' as rules_version,
        '{{ invocation_id }}' as _written_by

    from ranked
    inner join fingerprints
        on ranked.lead_id = fingerprints.lead_id
    where ranked.group_rank = 1

)

select * from final
