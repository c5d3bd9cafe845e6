{#- dbt.cast on Spark with DuckDB's type names, which the models' contracts use (varchar,
    double precision, timestamptz): Spark has string, double and timestamp. -#}
{% macro spark__cast(field, type) -%}
    {%- set spark_types = {
        'varchar': 'string', 'text': 'string', 'double precision': 'double',
        'timestamptz': 'timestamp', 'timestamp with time zone': 'timestamp',
    } -%}
    cast({{ field }} as {{ spark_types.get(type | trim | lower, type) }})
{%- endmacro %}
