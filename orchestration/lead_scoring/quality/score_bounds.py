"""The lowest and highest score any lead can get, derived from the rule seeds (schema `scoring`).

How the model adds points (see the dbt models int_lead_*_rule_hits, int_lead_score_rule_hits):
- a rule group (`exclusive_group`, else the rule alone) fires at most one of its rules per
  lead, so it adds between min(0, lowest points) and max(0, highest points); decay only
  shrinks behavior points toward 0, so the same bounds hold;
- a category's sum is clamped to its cap (`score_category_caps`), where one is set.
Seeds are loaded as text (a malformed number fails the dbt build, not this query).
"""

import duckdb


def clamp(column: str) -> str:
    """A category sum limited to its cap, as int_lead_score_rule_hits adjusts it."""
    return (
        f"case when {column} > cap_high then cap_high "
        f"when {column} < cap_low then cap_low else {column} end"
    )


BOUNDS_SQL = f"""
with rules as (
    select 'attribute' as score_type, lower(trim(category)) as category,
        coalesce(lower(nullif(trim(exclusive_group), '')), trim(rule_id)) as rule_group,
        try_cast(trim(points) as integer) as points
    from scoring.score_attribute_rules
    union all
    select 'behavior', lower(trim(category)),
        coalesce(lower(nullif(trim(exclusive_group), '')), trim(rule_id)),
        try_cast(trim(points) as integer)
    from scoring.score_behavior_rules
),
rule_groups as (
    select score_type, category, least(0, min(points)) as low, greatest(0, max(points)) as high
    from rules group by score_type, category, rule_group
),
categories as (
    select score_type, category, sum(low) as low, sum(high) as high
    from rule_groups group by score_type, category
),
caps as (
    select lower(trim(category)) as category,
        try_cast(trim(min_points) as integer) as cap_low,
        try_cast(trim(max_points) as integer) as cap_high
    from scoring.score_category_caps
),
capped as (
    select score_type, {clamp("low")} as low, {clamp("high")} as high
    from categories left join caps using (category)
)
select score_type, sum(low)::integer, sum(high)::integer from capped group by score_type
"""


def score_bounds(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """{attribute,behavior,total}_score_{min,max} for the suites' range expectations."""
    found = {kind: (low, high) for kind, low, high in con.execute(BOUNDS_SQL).fetchall()}
    attribute, behavior = found.get("attribute", (0, 0)), found.get("behavior", (0, 0))
    return {
        "attribute_score_min": attribute[0],
        "attribute_score_max": attribute[1],
        "behavior_score_min": behavior[0],
        "behavior_score_max": behavior[1],
        "total_score_min": attribute[0] + behavior[0],
        "total_score_max": attribute[1] + behavior[1],
    }


def tier_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute("select distinct trim(tier) from scoring.score_tiers order by 1")
    return [row[0] for row in rows.fetchall()]
