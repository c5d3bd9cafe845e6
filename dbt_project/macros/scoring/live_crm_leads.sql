{#- The ids of CRM leads still in the CRM: every id landed, less those deleted (or merged away)
    after their latest version. What stg_zoho__leads must hold one row for. The caller passes
    the two sources, so dbt sees what the test depends on. -#}
{% macro live_crm_lead_ids(leads, deletions) -%}
    {#- no correlated subquery: Spark resolves no column of a query two levels out -#}
    (
        select distinct landed.id
        from {{ leads }} as landed
        left join (
            select deleted.id
            from {{ deletions }} as deleted
            inner join (
                select
                    versions.id,
                    max({{ parse_iso_timestamp('versions.modified_time') }}) as latest_modified_at
                from {{ leads }} as versions
                group by versions.id
            ) as latest
                on deleted.id = latest.id
            where {{ parse_iso_timestamp('deleted.deleted_time') }} >= latest.latest_modified_at
        ) as gone
            on landed.id = gone.id
        where
            landed.id is not null
            and gone.id is null
    )
{%- endmacro %}
