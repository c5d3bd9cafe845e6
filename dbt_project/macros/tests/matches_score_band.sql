{#- Fails on rows whose label column (e.g. tier) is not the label of the band
    [min_column, max_column) of `bands` that contains `score_column`. -#}
{% test matches_score_band(model, column_name, score_column, bands, band_label, min_column, max_column) %}

with

bands as (

    select * from {{ bands }}

),

expected as (

    select
        scored.{{ column_name }} as actual_label,
        bands.{{ band_label }} as expected_label,
        scored.{{ score_column }} as score

    from {{ model }} as scored
    left join bands
        on
            (bands.{{ min_column }} is null or scored.{{ score_column }} >= bands.{{ min_column }})
            and (bands.{{ max_column }} is null or scored.{{ score_column }} < bands.{{ max_column }})

)

select *
from expected
where
    expected_label is null
    or actual_label is null
    or actual_label <> expected_label

{% endtest %}
