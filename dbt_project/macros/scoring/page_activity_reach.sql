{#- The page activities the behavior rules read, and how far back, for int_lead_activities to
    filter its scan by constants: {'types': visits when any rule reads page views or visits,
    page views when one reads them; 'window_days': the longest window of those rules, none
    when one has no window}. Read from the built rule tables when the model runs (their
    relations from the graph: a ref in run_query would add nothing the model's depends_on does
    not). A unit test of the model, whose refs are fixtures, overrides the macro. -#}
{% macro page_activity_reach() -%}
    {%- set rules = built_relation('stg_scoring__behavior_rules') if execute else none -%}
    {%- set activities = built_relation('stg_scoring__behavior_rule_activities') if execute else none -%}
    {%- if rules is none or activities is none -%}
        {#- compiled before the rules are built (dbt compile, sqlfluff): every page activity -#}
        {{- return({'types': ['web_session', 'page_view'], 'window_days': none}) -}}
    {%- endif -%}
    {%- set reach = {'types': [], 'window_days': none} -%}
    {%- set found = run_query(
        "select count(*), count(*) - count(rules.window_days), max(rules.window_days),"
        ~ " count(case when activities.activity_type = 'page_view' then 1 end)"
        ~ " from " ~ rules ~ " as rules"
        ~ " inner join " ~ activities ~ " as activities on rules.rule_id = activities.rule_id"
        ~ " where activities.activity_type in ('page_view', 'web_session')"
    ).rows[0] -%}
    {%- if found[0] > 0 -%}
        {%- do reach.update({'types': ['web_session'] + (['page_view'] if found[3] > 0 else [])}) -%}
        {%- if found[1] == 0 -%}
            {%- do reach.update({'window_days': found[2] | int}) -%}
        {%- endif -%}
    {%- endif -%}
    {{- return(reach) -}}
{%- endmacro %}

{#- Whether int_activity_events stores page views: only when a behavior rule reads them. They
    are most of the web events and nearly all of their properties' text, and visits (always
    stored) are cut from the staged page views, not the stored ones. Part of the stored days'
    version (activity_days_version), so a rule that starts or stops reading page views makes
    the next run rewrite every day. -#}
{% macro page_views_stored() -%}
    {{- return('page_view' in page_activity_reach()['types']) -}}
{%- endmacro %}

{#- Stops a model that reads page views from int_activity_events built when no rule read them
    (a rule on page views added, and only the models after it selected): without this its
    page views would silently count for nothing. `reach` is the model's page_activity_reach(). -#}
{% macro require_stored_page_views(reach) -%}
    {%- set relation = none -%}
    {%- if execute and 'page_view' in reach['types'] -%}
        {%- set relation = built_relation('int_activity_events') -%}
    {%- endif -%}
    {%- if relation is not none -%}
        {%- set stored = run_query(
            "select max(activity_version) from " ~ relation).rows[0][0] -%}
        {%- if stored is not none and 'page_views=stored' not in stored -%}
            {{ exceptions.raise_compiler_error(
                relation ~ " was built when no behavior rule read page views (" ~ stored
                ~ "); a rule in score_behavior_rules.csv now reads them: build it first,"
                ~ " e.g. dbt build --select int_activity_events+"
            ) }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- The built relation of a model of this project, by name (not a ref: no dependency, no
    unit-test fixture), or none when it is not built yet. -#}
{% macro built_relation(model_name) -%}
    {%- set node = graph.nodes['model.' ~ project_name ~ '.' ~ model_name] -%}
    {{- return(adapter.get_relation(node.database, node.schema, node.alias)) -}}
{%- endmacro %}
