-- Seed qualification_criteria typed and checked: the MQL, sales-ready (hand-off) and SQL
-- checklists and the items of BANT, MEDDIC and the lesson's MQL and SQL checklists, each a
-- list of criteria "measure operator value", with the CRM field each reads.
-- Stops the build on the first malformed row with a message naming the seed and the row, and
-- when a checklist or a BANT / MEDDIC item has no criterion at all.
{%- set measures = qualification_measures() %}
{%- set operators = qualification_operators() %}
{%- set checklists = qualification_checklists() %}
{%- set item_checklists = qualification_item_checklists() %}
{%- set crm_fields = qualification_crm_fields() %}

with

source as (

    select * from {{ ref('qualification_criteria') }}

),

measure_kinds as (

    {% for name, kind in measures.items() -%}
        select
            '{{ name }}' as measure,
            '{{ kind }}' as measure_kind
        {%- if not loop.last %}
            union all
        {% endif %}
    {%- endfor %}

),

expected_items as (

    {% for checklist, items in checklists.items() -%}
        {%- set checklist_loop = loop -%}
        {%- for item in (items or [none]) -%}
            select
                '{{ checklist }}' as checklist,
                {{ checklist_loop.index }} as checklist_order,
                {% if item %}'{{ item }}'{% else %}cast(null as {{ dbt.type_string() }}){% endif %}
                    as item,
                {{ loop.index }} as item_order
            {%- if not (checklist_loop.last and loop.last) %}
                union all
            {% endif %}
        {%- endfor %}
    {%- endfor %}

),

renamed as (

    select
        nullif(trim(criterion_id), '') as criterion_id,
        lower(trim(checklist)) as checklist,
        coalesce(nullif(lower(trim(item)), ''), nullif(trim(criterion_id), '')) as item,
        lower(trim(measure)) as measure,
        lower(trim(operator)) as operator,
        trim(value) as value,
        {{ try_to_number('value') }} as value_number,
        '|' || lower({{ regex_replace_all('trim(value)', "'\\s*[|]\\s*'", "'|'") }})
        || '|' as value_list,
        nullif(trim(label), '') as label

    from source

),

row_checked as (

    select
        renamed.*,
        measure_kinds.measure_kind,
        coalesce(
            {{ empty_problem('criterion_id') }},
            {{ repeated_problem('renamed.criterion_id') }},
            {{ accepted_problem('checklist', checklists.keys() | list) }},
            case
                when measure_kinds.measure is null
                    then 'unknown measure "' || coalesce(renamed.measure, '')
                        || '" (expected {{ measures.keys() | join(", ") }})'
            end,
            {{ accepted_problem('operator', operators.keys() | list) }},
            case
                {%- for operator, kinds in operators.items() %}
                    when
                        renamed.operator = '{{ operator }}'
                        and measure_kinds.measure_kind not in (
                            {%- for kind in kinds %}
                                '{{ kind }}'{{ "," if not loop.last }}
                            {%- endfor %}
                        )
                        then 'operator {{ operator }} does not apply to measure "'
                            || renamed.measure || '" (a ' || measure_kinds.measure_kind
                            || ' measure)'
                {%- endfor %}
            end,
            case
                when
                    renamed.checklist in ({{ "'" ~ item_checklists | join("', '") ~ "'" }})
                    and renamed.measure in (
                        {%- for checklist in item_checklists %}
                            '{{ checklist }}_items_met'{{ "," if not loop.last }}
                        {%- endfor %}
                    )
                    then 'an item of ' || renamed.checklist || ' cannot count checklist items'
                {%- for checklist, items in checklists.items() if items %}
                    when
                        renamed.checklist = '{{ checklist }}'
                        and renamed.item not in (
                            {%- for item in items %}
                                '{{ item }}'{{ "," if not loop.last }}
                            {%- endfor %}
                        )
                        then 'unknown {{ checklist }} item "' || renamed.item
                            || '" (expected {{ items | join(", ") }})'
                {%- endfor %}
            end,
            case
                when
                    renamed.operator in ('>=', '>', '<=', '<')
                    and renamed.value_number is null
                    then 'value "' || coalesce(renamed.value, '') || '" is not a number'
                when renamed.operator = 'in' and replace(renamed.value_list, '|', '') = ''
                    then 'value is empty (operator in takes values separated by |)'
                when
                    renamed.operator in ('not_empty', 'is_true')
                    and coalesce(renamed.value, '') <> ''
                    then 'operator ' || renamed.operator || ' takes no value'
            end,
            {{ empty_problem('label') }}
        ) as problem

    from renamed
    left join measure_kinds
        on renamed.measure = measure_kinds.measure

),

missing_items as (

    -- a checklist (or a BANT / MEDDIC item) without criteria: reported on every row
    select
        expected_items.checklist,
        case
            when expected_items.item is null
                then 'checklist ' || expected_items.checklist || ' has no criterion'
            else expected_items.checklist || ' item ' || expected_items.item
                || ' has no criterion'
        end as problem

    from expected_items
    left join renamed
        on
            expected_items.checklist = renamed.checklist
            and (expected_items.item is null or expected_items.item = renamed.item)
    where renamed.checklist is null

),

checklist_orders as (

    select distinct
        checklist,
        checklist_order

    from expected_items

),

missing_problems as (

    select min(problem) as problem
    from missing_items

),

checked as (

    select
        row_checked.*,
        coalesce(
            row_checked.problem,
            missing_problems.problem,
            -- a lead's unmet criteria of a list are kept as the bits of one bigint
            case
                when count(*) over (partition by {{ unmet_list_of('row_checked.checklist') }}) > 62
                    and {{ unmet_list_of('row_checked.checklist') }} is not null
                    then 'the ' || {{ unmet_list_of('row_checked.checklist') }}
                        || ' criteria are more than 62'
            end
        ) as row_problem

    from row_checked
    cross join missing_problems

),

final as (

    select
        checked.criterion_id,
        checked.checklist,
        checklist_orders.checklist_order,
        checked.item,
        coalesce(item_orders.item_order, 0) as item_order,
        checked.measure,
        checked.measure_kind,
        checked.operator,
        checked.value,
        checked.value_number,
        checked.value_list,
        checked.label,
        case checked.measure
            {%- for measure, field in crm_fields.items() %}
                when '{{ measure }}' then '{{ field }}'
            {%- endfor %}
        end as crm_field

    from checked
    left join checklist_orders
        on checked.checklist = checklist_orders.checklist
    left join expected_items as item_orders
        on
            checked.checklist = item_orders.checklist
            and checked.item = item_orders.item
    where
        {{ fail_on_problem('checked.row_problem',
            "'Invalid qualification criterion in seed qualification_criteria, row criterion_id=\"'
            || coalesce(checked.criterion_id, '') || '\": ' || checked.row_problem") }}

)

select * from final
