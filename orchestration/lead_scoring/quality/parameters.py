"""Values for the `{"$PARAMETER": name}` placeholders the suites in `expectations/` use.

Thresholds come from the environment (see `.env.example`), score bounds and tier names from
the rule seeds, times from the clock. A suite naming an unknown parameter fails with the list
of known ones.
"""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd

from lead_scoring import settings
from lead_scoring.ingest.record_sql import FUTURE_TOLERANCE_SECONDS
from lead_scoring.quality.score_bounds import score_bounds, tier_names

FUTURE_TOLERANCE = timedelta(seconds=FUTURE_TOLERANCE_SECONDS)  # as the loaders allow
LIFECYCLE_STAGES = ["lead", "mql", "sales_ready", "sql", "won", "lost", "recycled"]


def scoring_time() -> datetime:
    """What "now" means for freshness: LEAD_SCORING_SCORE_AS_OF when set (backfills, tests),
    read as dbt's score_as_of reads it: a date is the start of that day in the schedule's zone,
    an instant without an offset is UTC."""
    as_of = settings.score_as_of()
    if not as_of:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(as_of)
    except ValueError:
        raise settings.ConfigError(
            f"LEAD_SCORING_SCORE_AS_OF={as_of!r} is not an ISO 8601 time; use e.g. "
            "2026-11-20 or 2026-11-20T00:00:00 (UTC), or leave it empty for today."
        ) from None
    if len(as_of) == len("2026-11-20"):
        return moment.replace(tzinfo=ZoneInfo(settings.schedule_timezone()))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _latest_allowed_time(_con) -> pd.Timestamp:
    """Naive UTC, like the frames' timestamps: nothing may lie later than now (+ tolerance)."""
    return pd.Timestamp(datetime.now(UTC) + FUTURE_TOLERANCE).tz_localize(None)


def _band(sign: int) -> Callable:
    return lambda _con: sign * settings.row_count_max_change()


SCORE_BOUNDS = frozenset(
    {
        "attribute_score_min",
        "attribute_score_max",
        "behavior_score_min",
        "behavior_score_max",
        "total_score_min",
        "total_score_max",
    }
)

PROVIDERS: dict[str, Callable[[duckdb.DuckDBPyConnection], object]] = {
    "row_count_change_min": _band(-1),
    "row_count_change_max": _band(1),
    "freshness_hours": lambda _con: settings.freshness_hours(),
    "quarantine_max_rate": lambda _con: settings.quarantine_max_rate(),
    "latest_allowed_time": _latest_allowed_time,
    "tiers": tier_names,
    "lifecycle_stages": lambda _con: LIFECYCLE_STAGES,
    **{name: (lambda con, name=name: score_bounds(con)[name]) for name in SCORE_BOUNDS},
}


def parameters_for(con: duckdb.DuckDBPyConnection, names: set[str], suite: str) -> dict:
    unknown = sorted(names - PROVIDERS.keys())
    if unknown:
        raise ValueError(
            f"expectation suite {suite} uses $PARAMETER {', '.join(unknown)}, which the pipeline "
            f"does not provide. Known parameters: {', '.join(sorted(PROVIDERS))} "
            "(orchestration/lead_scoring/quality/parameters.py)."
        )
    # the six score bounds come from one query; run it once for the suite, not per bound
    bounds = score_bounds(con) if names & SCORE_BOUNDS else {}
    return {
        name: bounds[name] if name in SCORE_BOUNDS else PROVIDERS[name](con)
        for name in sorted(names)
    }
