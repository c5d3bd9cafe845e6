{#- Fails on rows whose lifecycle stage ranks below the previous snapshot's stage (lead and
    recycled < mql < sales_ready < sql < won, lost), unless a recycle started a new cycle. -#}
{% test stage_never_moves_back(model, column_name, previous_column, new_cycle_column) %}

select *
from {{ model }}
where
    {{ previous_column }} is not null
    and not coalesce({{ new_cycle_column }}, false)
    and {{ stage_rank(column_name) }} < {{ stage_rank(previous_column) }}

{% endtest %}

{#- Fails on leads flagged sales-ready whose hand-off was not recorded in a snapshot of
    `history` in which every hand-off criterion held. -#}
{% test handed_off_when_criteria_met(model, history) %}

with

handoffs_recorded as (

    select
        lead_id,
        handed_off_at

    from {{ history }}
    where
        is_new_handoff
        and meets_handoff_criteria
        and handoff_unmet_criteria = ''

)

select
    leads.lead_id,
    leads.handed_off_at

from {{ model }} as leads
left join handoffs_recorded
    on
        leads.lead_id = handoffs_recorded.lead_id
        and leads.handed_off_at = handoffs_recorded.handed_off_at
where
    leads.is_sales_ready
    and handoffs_recorded.lead_id is null

{% endtest %}
