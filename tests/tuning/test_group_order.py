"""New points never change which rule of an exclusive group fires."""

import pandas as pd

from lead_scoring.tuning.group_order import keep_group_order


def visits_group(new_few: int, new_many: int) -> pd.DataFrame:
    # today 5+ visits (10) outranks 1-4 visits (5): a visitor with 7 visits gets the 5+ rule
    return pd.DataFrame(
        {
            "score_type": "behavior",
            "exclusive_group": "visits",
            "priority": "",
            "current_points": [5, 10],
            "points": [new_few, new_many],
        },
        index=["beh_visits_1_4", "beh_visits_5plus"],
    )


def test_a_negative_rule_grown_past_its_group_is_held_below_it():
    # the fit makes "1-4 visits" -15 and "5+ visits" +10: on points alone -15 would win the
    # group for every visitor, the 5+ ones included
    points, notes = keep_group_order(visits_group(-15, 10), step=5)
    assert points["beh_visits_5plus"] == 10
    assert points["beh_visits_1_4"] == -5  # below 10 in absolute value, step 5, sign kept
    assert "beh_visits_5plus still wins" in notes["beh_visits_1_4"]


def test_points_that_keep_the_order_are_left_alone():
    points, notes = keep_group_order(visits_group(-5, 20), step=5)
    assert list(points) == [-5, 20]
    assert notes == {}


def test_rules_tied_today_may_change_order_and_rules_without_a_group_are_free():
    rules = pd.DataFrame(
        {
            "score_type": "behavior",
            "exclusive_group": ["inquiry", "inquiry", ""],
            "priority": "",
            "current_points": [20, 20, 5],
            "points": [10, 30, 50],
        },
        index=["beh_form_inquiry", "beh_form_quote", "beh_booth"],
    )
    points, notes = keep_group_order(rules, step=5)
    assert list(points) == [10, 30, 50]
    assert notes == {}
