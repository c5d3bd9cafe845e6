"""A profile's scores computed from rule hits as the dbt models compute them: the sum of the
points of the rules that fire, each category's sum held within its caps."""

import numpy as np
import pandas as pd


def scores(hits: pd.DataFrame, points: pd.Series, categories: pd.Series, caps: pd.DataFrame):
    """hits: 0/1 by lead x rule; points, categories by rule; caps: category, min_points,
    max_points (NaN = none). Returns the total score by lead."""
    rules = [rule for rule in hits.columns if rule in points.index]
    weighted = hits[rules] * points[rules].to_numpy()
    by_category = weighted.T.groupby(categories[rules].to_numpy()).sum().T
    for cap in caps.itertuples():
        if cap.category in by_category:
            low = None if np.isnan(cap.min_points) else cap.min_points
            high = None if np.isnan(cap.max_points) else cap.max_points
            by_category[cap.category] = by_category[cap.category].clip(low, high)
    return by_category.sum(axis=1)
