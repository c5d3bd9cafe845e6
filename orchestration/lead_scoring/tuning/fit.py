"""Fit the points: candidates beside the live rules, every rule's hits from the engine itself
(a dbt build on a copy of the warehouse), one logistic regression, points, tiers, the proposed
profile and its report. The live warehouse, its marts and the CRM are only read."""

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from lead_scoring.tuning import candidates, evaluate, proposal, thresholds
from lead_scoring.tuning import profile_files as files
from lead_scoring.tuning.dataset import read_dataset
from lead_scoring.tuning.group_order import keep_group_order
from lead_scoring.tuning.points import fit_points, plain_model_scores
from lead_scoring.tuning.profile_scores import scores
from lead_scoring.tuning.warehouse_copy import build_copy, live_score_as_of

HITS_SELECTION = "+int_lead_score_rule_hits +int_lead_outcomes +lead_scores"


@dataclass
class FitOptions:
    step: int = 1  # whole points; 5 rounds them further and cost AUC on small data sets
    min_leads: int = 30
    hot_share: float = 0.2
    warm_share: float = 0.5
    hot_conversion: float | None = None  # instead of hot_share when set
    seed: int = 0


def fit_profile(
    warehouse: Path,
    live: Path,
    out: Path,
    options: FitOptions,
    progress: Callable[[str], None] = lambda line: None,
) -> dict:
    """Write out/proposed_profile/ and out/fit_report.{json,html}; return the report.
    `progress` gets a line at every step (with the seconds since the start)."""
    started = time.monotonic()

    def say(line: str) -> None:
        progress(f"[{time.monotonic() - started:5.0f}s] {line}")

    with tempfile.TemporaryDirectory(prefix="lead-scoring-fit-") as scratch:
        candidate_profile, rules = _candidate_profile(warehouse, live, Path(scratch), options)
        say(
            f"{int((~rules['is_candidate']).sum())} live rules and "
            f"{int(rules['is_candidate'].sum())} candidates; scoring them all with dbt on a "
            "copy of the warehouse"
        )
        as_of = live_score_as_of(warehouse)
        copy = build_copy(warehouse, candidate_profile, Path(scratch) / "b", as_of, HITS_SELECTION)
        data = read_dataset(copy, options.seed)
    say(f"split {data.split}")
    data.hits = without_copies(data.hits, rules)
    train = ~data.is_test
    rules = rules.loc[data.hits.columns].copy()
    fitted = fit_points(
        data.hits[train],
        data.converted[train],
        rules["current_points"],
        options.step,
        options.min_leads,
        say,
    )
    say("points fitted; tiers, caps, the proposed profile and the report")
    rules["points"] = fitted.points
    rules["points"], lowered = keep_group_order(rules, options.step)
    caps = proposal.scaled_caps(files.read_seed(live, files.CAPS), rules, options.step)
    proposed = scores(data.hits, rules["points"], rules["category"], numeric_caps(caps))
    tier_names, cuts = _tiers(live, proposed, data, options)
    out.mkdir(parents=True, exist_ok=True)
    tiers = thresholds.tier_rows(tier_names, cuts)
    proposal.write_profile(live, out / "proposed_profile", rules, caps, tiers)
    current = _live_scores(warehouse).reindex(data.hits.index)
    model_scores = pd.Series(plain_model_scores(fitted, data.hits), index=data.hits.index)
    report = evaluate.report(
        data, rules, fitted, lowered, current, proposed, model_scores, tier_names, cuts
    )
    evaluate.write(report, out)
    return report


def _candidate_profile(warehouse: Path, live: Path, scratch: Path, options: FitOptions):
    """A copy of the live profile with every candidate rule added at 1 point (no group, no
    cap), so one build gives the hits of all of them; and the table of all rules."""
    mapping = files.read_seed(live, files.MAPPING)
    outcome_columns = set(mapping.loc[mapping["role"].isin(["outcome", "lost"]), "column"])
    attribute, behavior = candidates.candidate_rules(warehouse, options.min_leads, outcome_columns)
    profile = files.copy_profile(live, scratch / "candidate_profile")
    for seed, rows in ((files.ATTRIBUTE, attribute), (files.BEHAVIOR, behavior)):
        live_rows = files.read_seed(live, seed)
        extra = pd.DataFrame(rows, columns=live_rows.columns).fillna("")
        files.write_seed(profile, seed, pd.concat([live_rows, extra]))
    return profile, proposal.rule_table(live, attribute, behavior)


def without_copies(hits: pd.DataFrame, rules: pd.DataFrame) -> pd.DataFrame:
    """Drop candidates that fire for exactly the leads a live rule (or an earlier candidate)
    fires for: the same signal twice, under two names."""
    order = sorted(hits.columns, key=lambda rule: (bool(rules.at[rule, "is_candidate"]), rule))
    seen, keep = set(), []
    for rule in order:
        signature = hits[rule].to_numpy().tobytes()
        if rules.at[rule, "is_candidate"] and signature in seen:
            continue
        seen.add(signature)
        keep.append(rule)
    return hits[keep]


def numeric_caps(caps: pd.DataFrame) -> pd.DataFrame:
    return caps.assign(
        min_points=pd.to_numeric(caps["min_points"], errors="coerce"),
        max_points=pd.to_numeric(caps["max_points"], errors="coerce"),
    )


def _tiers(live: Path, proposed: pd.Series, data, options: FitOptions):
    """Tier names from the top down (as the live seed has them) and their new minimum scores."""
    tiers = files.read_seed(live, files.TIERS)
    tiers["order"] = pd.to_numeric(tiers["min_score"], errors="coerce").fillna(float("-inf"))
    names = list(tiers.sort_values("order", ascending=False)["tier"])
    shares = [options.hot_share, options.warm_share][: len(names) - 1]
    if len(names) != 3:
        shares = [options.hot_share] + [(1 - options.hot_share) / (len(names) - 1)] * (
            len(names) - 2
        )
    values = proposed.to_numpy()
    if options.hot_conversion is None:
        return names, thresholds.thresholds_for_shares(values, shares)
    train = (~data.is_test).to_numpy()
    top = thresholds.threshold_for_conversion(
        values[train], data.converted.to_numpy()[train], options.hot_conversion
    )
    rest = values[values < top]
    scale = len(values) / max(len(rest), 1)  # the shares are of all leads
    return names, [top, *thresholds.thresholds_for_shares(rest, [s * scale for s in shares[1:]])]


def _live_scores(warehouse: Path) -> pd.DataFrame:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        frame = con.execute("select lead_id, total_score, tier from marts.lead_scores").df()
    return frame.set_index("lead_id")
