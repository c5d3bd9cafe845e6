"""Starter rule seeds from a profile, in the profile format the rule engine reads.

Every value and band becomes one candidate row. Its points are a suggestion from conversion
lift (10 x log2 of the group's conversion rate over the overall rate, rounded to 5, within
-20..30) when the group holds at least MIN_LEADS leads, else 0; the label says which, with
the figures, so an engineer reviews every row before it scores anyone.
"""

import math
import re

from lead_scoring.profiling.stats import ActivityProfile, ColumnProfile, Group

MIN_LEADS = 30
STEP, LOWEST, HIGHEST = 5, -20, 30
ATTRIBUTE_HEADER = [
    *("rule_id", "category", "exclusive_group", "priority", "field", "match", "match_values"),
    *("min_value", "max_value", "points", "flag", "label"),
]
BEHAVIOR_HEADER = [
    *("rule_id", "category", "exclusive_group", "activity", "where_property", "where_values"),
    *("aggregate", "property", "min_value", "max_value", "window_days", "decay_after_days"),
    *("decay_factor", "points", "label"),
]
CAPS_HEADER = ["category", "min_points", "max_points", "label"]
TIERS = [["tier", "min_score", "max_score"], ["Hot", "70", ""], ["Warm", "30", "70"]]
TIERS.append(["Cold", "", "30"])


def suggested_points(group: Group, rate: float | None) -> tuple[int, str]:
    """(points, why) for one group against the overall conversion rate."""
    if rate is None:
        return 0, "no outcome mapped: points 0, set them by hand"
    if group.leads < MIN_LEADS or not rate:
        return 0, f"points 0: only {group.leads} leads (suggestions need {MIN_LEADS})"
    own = group.converted / group.leads
    lift = max(own, 0.5 / group.leads) / rate  # no conversions: half a lead, not minus infinity
    points = int(max(LOWEST, min(HIGHEST, STEP * round(10 * math.log2(lift) / STEP))))
    return points, (
        f"suggested from lift {lift:.2f}x: {own:.0%} converted vs {rate:.0%} overall "
        f"(n={group.leads})"
    )


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:40] or "x"


def _bound(value: float | None) -> str:
    """A band bound as a seed holds it: plain digits (1.5e+07 is 15000000)."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:f}".rstrip("0")


def attribute_rows(profiles: list[ColumnProfile], rate: float | None) -> list[list]:
    rows = []
    for profile in profiles:
        for priority, group in enumerate(profile.groups, start=1):
            if group.match == "other":
                continue
            points, why = suggested_points(group, rate)
            values = group.value if group.match == "equals" else ""
            rule_id = f"attr_{slug(profile.name)}_{slug(group.label)}"
            label = f"{profile.name} {group.label}: {why}"
            rows.append(
                [rule_id, "fit", slug(profile.name), priority, profile.name, group.match, values]
                + [_bound(group.low), _bound(group.high), points, "", label]
            )
    return rows


def behavior_rows(profiles: list[ActivityProfile], rate: float | None) -> list[list]:
    rows = []
    for profile in profiles:
        for group in profile.count_bands:
            rule_id = f"beh_{slug(profile.activity)}_count_{slug(group.label)}"
            rows.append(_row(rule_id, profile.activity, "count", "", group, rate))
        for prop, groups in profile.sums.items():
            for group in groups:
                rule_id = f"beh_{slug(profile.activity)}_{slug(prop)}_sum_{slug(group.label)}"
                rows.append(_row(rule_id, profile.activity, "sum", prop, group, rate))
    return rows


def _row(rule_id, activity, aggregate, prop, group: Group, rate) -> list:
    points, why = suggested_points(group, rate)
    what = f"sum of {prop}" if prop else "count"
    return [
        rule_id,
        "engagement",
        f"{slug(activity)}_{slug(what)}",
        activity,
        "",
        "",
        aggregate,
        prop,
        _bound(group.low),
        _bound(group.high),
        "",
        "",
        "",
        points,
        f"{activity} {what} {group.label}: {why}",
    ]


def caps_rows() -> list[list]:
    """No caps to start with (a cap row needs a bound): add one per category as needed."""
    return [CAPS_HEADER]
