"""Keep every exclusive group's winner: new points may not change which rule of a group fires.

Of a behavior group the rule with the most points (in absolute value, then the lowest rule id)
fires; of an attribute group the lowest priority first, then the longest keyword, and only then
the points. So new points keep, among the rules one group could pick between on points alone,
the order the current points give them: a rule's absolute points are lowered to stay below
every rule the current points rank strictly above it (rules tied today were ordered by rule
id alone, an accident the new points may change). Without this, a negative rule that grew
larger than its group's positive rule would fire for every lead the group sees."""

import pandas as pd


def keep_group_order(rules: pd.DataFrame, step: int) -> tuple[pd.Series, dict[str, str]]:
    """rules: rule_id index; score_type, exclusive_group, priority ("" for behavior),
    current_points, points. Returns the points with the order kept, and a note for each
    rule lowered."""
    points = rules["points"].copy()
    notes = {}
    grouped = rules[rules["exclusive_group"] != ""]
    for _, group in grouped.groupby(["score_type", "exclusive_group", "priority"]):
        order = sorted(group.index, key=lambda rule: (-abs(group.at[rule, "current_points"]), rule))
        for position, rule in enumerate(order):
            current = abs(group.at[rule, "current_points"])
            # rules the current points put strictly above this one (ties were a rule-id choice)
            above = [b for b in order[:position] if abs(group.at[b, "current_points"]) > current]
            ceilings = [abs(points[b]) if b < rule else abs(points[b]) - 1 for b in above]
            ceiling = max(min(ceilings) // step * step, 0) if ceilings else None
            if ceiling is not None and abs(points[rule]) > ceiling:
                sign = 1 if points[rule] > 0 else -1
                notes[rule] = (
                    f"lowered from {points[rule]} to {sign * ceiling} so that "
                    f"{above[ceilings.index(min(ceilings))]} still wins group "
                    f"{group.at[rule, 'exclusive_group']}"
                )
                points[rule] = sign * ceiling
    return points, notes
