{#- Pre-hook of the incremental stg_zoho__leads: drop the staged leads deleted (or merged away)
    after their staged version, by the same rule the model applies to the versions it ranks. -#}
{% macro drop_deleted_leads() -%}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where exists (
        select 1 from {{ ref('stg_zoho__deleted_leads') }} as deleted
        where
            deleted.lead_id = {{ this }}.lead_id
            and deleted.deleted_at >= {{ this }}.modified_at
    )
    {%- endif -%}
{%- endmacro %}
