{#- The ids of CRM leads still in the CRM: every id landed, less those deleted (or merged away)
    after their latest version. What stg_zoho__leads must hold one row for. The caller passes
    the two sources, so dbt sees what the test depends on. -#}
{% macro live_crm_lead_ids(leads, deletions) -%}
    (
        select distinct landed.id
        from {{ leads }} as landed
        where
            landed.id is not null
            and not exists (
                select 1
                from {{ deletions }} as deleted
                where
                    deleted.id = landed.id
                    and {{ parse_iso_timestamp('deleted.deleted_time') }} >= (
                        select max({{ parse_iso_timestamp('versions.modified_time') }})
                        from {{ leads }} as versions
                        where versions.id = landed.id
                    )
            )
    )
{%- endmacro %}
