{#- dbt.listagg on Spark, in the order its ORDER BY gives (dbt-spark's ignores it, so score
    reasons, and the payload hash over them, would come in any order). The values are
    collected with their sort keys and sorted by a comparator that follows the clause: asc or
    desc per key, nulls last unless the clause says otherwise (DuckDB's default); null values
    are left out, and no value at all gives null, as string_agg does. -#}
{% macro spark__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
    {%- set keys = _order_by_keys(order_by_clause) -%}
    {%- set fields = ["'v', " ~ measure] -%}
    {%- for key in keys -%}
        {%- do fields.append("'k" ~ loop.index ~ "', " ~ key.expression) -%}
    {%- endfor -%}
    {%- set collected = 'collect_list(named_struct(' ~ fields | join(', ') ~ '))' -%}
    {%- if keys -%}
        {%- set comparisons = [] -%}
        {%- for key in keys -%}
            {%- set k = 'k' ~ loop.index -%}
            {%- set before, after = ('-1', '1') if key.ascending else ('1', '-1') -%}
            {%- set null_first, null_last = ('-1', '1') if key.nulls_first else ('1', '-1') -%}
            {%- do comparisons.append(
                'when l.' ~ k ~ ' is null and r.' ~ k ~ ' is not null then ' ~ null_first
                ~ ' when l.' ~ k ~ ' is not null and r.' ~ k ~ ' is null then ' ~ null_last
                ~ ' when l.' ~ k ~ ' < r.' ~ k ~ ' then ' ~ before
                ~ ' when l.' ~ k ~ ' > r.' ~ k ~ ' then ' ~ after) -%}
        {%- endfor -%}
        {%- set collected = 'array_sort(' ~ collected ~ ', (l, r) -> case '
            ~ comparisons | join(' ') ~ ' else 0 end)' -%}
    {%- endif -%}
    {%- set values = 'transform(filter(' ~ collected ~ ', x -> x.v is not null), x -> x.v)' -%}
    {%- if limit_num -%}
        {%- set values = 'slice(' ~ values ~ ', 1, ' ~ limit_num ~ ')' -%}
    {%- endif -%}
    (case when size({{ values }}) > 0 then array_join({{ values }}, {{ delimiter_text }}) end)
{%- endmacro %}

{#- 'order by a, b desc nulls first' -> [{expression, ascending, nulls_first}, ...]; commas
    inside parentheses or quotes do not split. -#}
{% macro _order_by_keys(order_by_clause) -%}
    {%- set clause = (order_by_clause or '') | trim -%}
    {%- set found = modules.re.match('(?is)^order\\s+by\\s+(.*)$', clause) -%}
    {%- if clause and not found -%}
        {{ exceptions.raise_compiler_error("listagg: expected 'order by ...', got: " ~ clause) }}
    {%- endif -%}
    {%- set items = [] -%}
    {%- if found -%}
        {%- set state = {'depth': 0, 'quoted': false, 'current': ''} -%}
        {%- for char in found.group(1) -%}
            {%- if char == "'" -%}
                {%- do state.update({'quoted': not state.quoted}) -%}
            {%- elif char == '(' and not state.quoted -%}
                {%- do state.update({'depth': state.depth + 1}) -%}
            {%- elif char == ')' and not state.quoted -%}
                {%- do state.update({'depth': state.depth - 1}) -%}
            {%- endif -%}
            {%- if char == ',' and state.depth == 0 and not state.quoted -%}
                {%- do items.append(state.current) -%}
                {%- do state.update({'current': ''}) -%}
            {%- else -%}
                {%- do state.update({'current': state.current ~ char}) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- do items.append(state.current) -%}
    {%- endif -%}
    {%- set keys = [] -%}
    {%- for item in items -%}
        {%- set parts = modules.re.match('(?is)^(.*?)(\\s+(asc|desc))?(\\s+nulls\\s+(first|last))?$', item | trim) -%}
        {%- set ascending = (parts.group(3) or 'asc') | lower == 'asc' -%}
        {%- do keys.append({
            'expression': parts.group(1),
            'ascending': ascending,
            'nulls_first': (parts.group(5) or 'last') | lower == 'first',
        }) -%}
    {%- endfor -%}
    {{ return(keys) }}
{%- endmacro %}
