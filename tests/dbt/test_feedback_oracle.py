"""The feedback marts on a hand-made funnel (feedback_rows.py), built by dbt from hand-made
lead_qualification and lead_scores tables, against a plain pandas re-computation (every
period, dimension and segment) and against numbers worked out by hand."""

import math

import duckdb
import pandas as pd
import pytest

from .dbt_helpers import query, run_dbt
from .feedback_rows import qualification, scores

MODELS = "feedback_conversion feedback_lead_quality"


@pytest.fixture(scope="module")
def marts(tmp_path_factory):
    root = tmp_path_factory.mktemp("feedback")
    warehouse = root / "warehouse.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema marts")
        for name, frame in (("lead_qualification", qualification()), ("lead_scores", scores())):
            con.register("frame", frame)
            con.execute(f"create table marts.{name} as select * from frame")
            con.unregister("frame")
    result = run_dbt(["run", "--select", MODELS], warehouse, root)
    assert result.returncode == 0, result.stdout[-3000:]
    return warehouse


def _frame(warehouse, table: str) -> pd.DataFrame:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(f"select * from marts.{table}").df()


def _periods(frame: pd.DataFrame, date_column: str) -> pd.DataFrame:
    """Each row once per period: all (no start), its Monday week and its month."""
    dates = frame[date_column]
    return pd.concat(
        [
            frame.assign(period_type="all", period_start=pd.NaT),
            frame.assign(
                period_type="week", period_start=dates.dt.to_period("W-SUN").dt.start_time
            ),
            frame.assign(period_type="month", period_start=dates.dt.to_period("M").dt.start_time),
        ]
    )


def _rate(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def expected_conversion() -> pd.DataFrame:
    leads = qualification().merge(scores(), on="lead_id")
    leads = leads[~leads["is_duplicate_email"]]
    band = (
        (leads["total_score"] // 10 * 10).astype(str)
        + "-"
        + (leads["total_score"] // 10 * 10 + 9).astype(str)
    )
    segments = pd.concat(
        [
            leads.assign(dimension="all", segment="all"),
            leads.assign(dimension="tier", segment=leads["tier"]),
            leads.assign(dimension="score_band", segment=band),
            leads.assign(dimension="lead_source", segment=leads["lead_source"].fillna("(none)")),
            leads.assign(dimension="owner", segment=leads["owner_name"].fillna("(none)")),
        ]
    )
    rows = []
    keys = ["period_type", "period_start", "dimension", "segment"]
    for key, group in _periods(segments, "created_at").groupby(keys, dropna=False):
        n, mqls, sqls = len(group), group["is_mql"].sum(), group["is_sql"].sum()
        converted, won = group["is_converted"].sum(), group["is_won"].sum()
        median = group["hours_to_handoff"].median()
        rows.append(
            {
                **dict(zip(keys, key, strict=True)),
                "leads": n,
                "mqls": mqls,
                "sales_ready_leads": group["is_sales_ready"].sum(),
                "sqls": sqls,
                "converted": converted,
                "converted_without_handoff": (
                    group["is_converted"] & ~group["is_sales_ready"]
                ).sum(),
                "won": won,
                "lost": (group["lifecycle_stage"] == "lost").sum(),
                "rejected": group["is_rejected"].sum(),
                "recycled": group["recycled_at"].notna().sum(),
                "conversion_rate": _rate(converted, n),
                "won_rate": _rate(won, n),
                "lead_to_mql_rate": _rate(mqls, n),
                "mql_to_sql_rate": _rate(sqls, mqls),
                "sql_to_won_rate": _rate((group["is_sql"] & group["is_won"]).sum(), sqls),
                "median_hours_to_handoff": None if math.isnan(median) else round(median, 2),
            }
        )
    return pd.DataFrame(rows)


def _comparable(frame: pd.DataFrame) -> list[tuple]:
    frame = frame.astype(object).where(frame.notna(), None)
    return sorted(
        (tuple(row) for row in frame.itertuples(index=False)), key=lambda r: tuple(map(str, r))
    )


def test_conversion_matches_a_pandas_recomputation_for_every_period_and_segment(marts):
    expected = expected_conversion()
    built = _frame(marts, "feedback_conversion")[list(expected.columns)]
    built["period_start"] = pd.to_datetime(built["period_start"])

    assert _comparable(built) == _comparable(expected)


def _conversion_cell(marts, period_type: str, start: str | None, dimension: str, segment: str):
    where = "period_start is null" if start is None else f"period_start = date '{start}'"
    return query(
        marts,
        "select leads, mqls, sales_ready_leads, sqls, converted, won, lost, rejected, recycled, "
        "conversion_rate, mql_to_sql_rate, sql_to_won_rate, median_hours_to_handoff "
        f"from marts.feedback_conversion where period_type = '{period_type}' and {where} "
        f"and dimension = '{dimension}' and segment = '{segment}'",
    )


def test_conversion_by_week_and_month_as_worked_out_by_hand(marts):
    # all time, L7 (a duplicate) left out: 7 leads, 6 MQLs (all but L5), hand-offs L1 L2 L6
    # L8, SQLs L1 L6, converted L1 L6, won L1; median of 5, 10, 20 and 30 hours is 15
    assert _conversion_cell(marts, "all", None, "all", "all") == [
        (7, 6, 4, 2, 2, 1, 2, 2, 1, 0.2857, 0.3333, 0.5, 15.0)
    ]
    # week of Monday 2026-10-26: L1, L2, L3 (created Sunday 2026-11-01)
    assert _conversion_cell(marts, "week", "2026-10-26", "all", "all") == [
        (3, 3, 2, 1, 1, 1, 1, 1, 1, 0.3333, 0.3333, 1.0, 20.0)
    ]
    assert _conversion_cell(marts, "week", "2026-11-02", "all", "all") == [
        (4, 3, 2, 1, 1, 0, 1, 1, 0, 0.25, 0.3333, 0.0, 12.5)
    ]
    # October: L1, L2 only; November: L3 to L8 without L7
    assert _conversion_cell(marts, "month", "2026-10-01", "all", "all") == [
        (2, 2, 2, 1, 1, 1, 1, 1, 0, 0.5, 0.5, 1.0, 20.0)
    ]
    assert _conversion_cell(marts, "month", "2026-11-01", "all", "all") == [
        (5, 4, 2, 1, 1, 0, 1, 1, 1, 0.2, 0.25, 0.0, 12.5)
    ]
    assert _conversion_cell(marts, "week", "2026-11-02", "tier", "Hot") == [
        (2, 2, 2, 1, 1, 0, 1, 1, 0, 0.5, 0.5, 0.0, 12.5)
    ]
    assert _conversion_cell(marts, "all", None, "owner", "(none)")[0][:2] == (1, 0)  # L5


def test_lead_quality_as_worked_out_by_hand(marts):
    rows = query(
        marts,
        "select period_type, cast(period_start as varchar), tier, was_handed_off, "
        "sales_disposition, disposition_reason, leads, share_of_dispositions, average_score "
        "from marts.feedback_lead_quality order by all",
    )
    assert rows == [
        # all time: four Hot hand-offs (L1 L6 accepted, L2 no budget, L8 no reason), L3 Warm
        ("all", None, "Hot", True, "Accepted", "Good fit", 2, 0.5, 87.5),
        ("all", None, "Hot", True, "Rejected", "(none)", 1, 0.25, 75.0),
        ("all", None, "Hot", True, "Rejected", "No budget", 1, 0.25, 72.0),
        ("all", None, "Warm", False, "Recycled", "Not now", 1, 1.0, 45.0),
        # by the disposition's month: L1 in October, the rest in November
        ("month", "2026-10-01", "Hot", True, "Accepted", "Good fit", 1, 1.0, 85.0),
        ("month", "2026-11-01", "Hot", True, "Accepted", "Good fit", 1, 0.3333, 90.0),
        ("month", "2026-11-01", "Hot", True, "Rejected", "(none)", 1, 0.3333, 75.0),
        ("month", "2026-11-01", "Hot", True, "Rejected", "No budget", 1, 0.3333, 72.0),
        ("month", "2026-11-01", "Warm", False, "Recycled", "Not now", 1, 1.0, 45.0),
        # by week: Saturday 2026-10-31 is in the week of 2026-10-26, L3's 2026-11-10 in the third
        ("week", "2026-10-26", "Hot", True, "Accepted", "Good fit", 1, 1.0, 85.0),
        ("week", "2026-11-02", "Hot", True, "Accepted", "Good fit", 1, 0.3333, 90.0),
        ("week", "2026-11-02", "Hot", True, "Rejected", "(none)", 1, 0.3333, 75.0),
        ("week", "2026-11-02", "Hot", True, "Rejected", "No budget", 1, 0.3333, 72.0),
        ("week", "2026-11-09", "Warm", False, "Recycled", "Not now", 1, 1.0, 45.0),
    ]
