"""The fit's data: one row per lead (duplicate e-mails count once), a 0/1 column per rule hit,
the outcome, and the split into older leads to train on and the newest to test on."""

from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split

TEST_SHARE = 0.25
MIN_DATED_SHARE = 0.9  # below this share of leads with a creation time, split at random


@dataclass
class Dataset:
    hits: pd.DataFrame  # lead_id index, one 0/1 column per rule
    converted: pd.Series  # 0/1 by lead_id
    is_test: pd.Series  # bool by lead_id
    split: str  # how the test leads were chosen, in words


def read_dataset(warehouse: Path, seed: int = 0) -> Dataset:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        leads = con.execute("""
            select scores.lead_id, leads.created_at, outcomes.is_converted
            from marts.lead_scores as scores
            inner join intermediate.int_leads as leads on scores.lead_id = leads.lead_id
            inner join intermediate.int_lead_outcomes as outcomes
                on scores.lead_id = outcomes.lead_id
            where not scores.is_duplicate_email
            order by scores.lead_id
        """).df()
        hits = con.execute(
            "select distinct lead_id, rule_id from intermediate.int_lead_score_rule_hits"
            " where not is_cap_adjustment"
        ).df()
    leads = leads.set_index("lead_id")
    matrix = pd.crosstab(hits["lead_id"], hits["rule_id"]).clip(upper=1)
    matrix = matrix.reindex(leads.index, fill_value=0).astype(np.int8)
    converted = leads["is_converted"].astype(int)
    is_test, split = split_leads(leads["created_at"], converted, seed)
    return Dataset(matrix, converted, is_test, split)


def split_leads(created_at: pd.Series, converted: pd.Series, seed: int) -> tuple[pd.Series, str]:
    """The newest TEST_SHARE of leads by creation time; at random, stratified by outcome, when
    too few leads have a creation time or all share one."""
    dated = created_at.notna().mean() if len(created_at) else 0.0
    if dated >= MIN_DATED_SHARE and created_at.nunique() > 1:
        cut = created_at.quantile(1 - TEST_SHARE)
        is_test = created_at > cut
        if 0 < converted[is_test].sum() < converted.sum():
            return is_test, (
                f"by time: trained on {int((~is_test).sum())} leads created up to {cut}, "
                f"tested on the {int(is_test.sum())} created after"
            )
    _, test_ids = train_test_split(
        converted.index, test_size=TEST_SHARE, stratify=converted, random_state=seed
    )
    is_test = pd.Series(converted.index.isin(test_ids), index=converted.index)
    return is_test, (
        f"stratified at random (no usable creation times): {int((~is_test).sum())} leads to "
        f"train, {int(is_test.sum())} to test, the same conversion rate in both"
    )
