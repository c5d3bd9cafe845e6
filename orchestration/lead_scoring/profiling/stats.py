"""Per column and per activity: fill rate, values or quantiles, and conversion per value / band.

Everything is computed in DuckDB over the views `sources.open_source` created. A group is one
value (text), one side (boolean), one band [low, high) (numbers, activity counts and sums), or
the leads where the value is missing; each has its lead count and converted count.
"""

from dataclasses import dataclass, field

import duckdb

from lead_scoring.ingest.record_sql import literal
from lead_scoring.profiling.sources import LeadColumn, json_key

QUANTILES = (0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0)
BAND_QUANTILES = (0.2, 0.4, 0.6, 0.8)  # number bands: quintiles of the values
COUNT_EDGES = (1, 2, 3, 5, 10)  # activity count bands: 1, 2, 3-4, 5-9, 10+


@dataclass
class Group:
    label: str
    leads: int
    converted: int
    match: str  # equals | true | false | missing | band | other
    value: str | None = None
    low: float | None = None
    high: float | None = None


@dataclass
class ColumnProfile:
    name: str
    kind: str
    fill_rate: float
    distinct: int
    quantiles: dict[float, float] = field(default_factory=dict)
    groups: list[Group] = field(default_factory=list)


@dataclass
class ActivityProfile:
    activity: str  # as rules name it
    events: int
    leads: int
    converted: int
    count_bands: list[Group] = field(default_factory=list)
    sums: dict[str, list[Group]] = field(default_factory=dict)  # numeric property -> bands


def _band_label(low, high) -> str:
    shown = [f"{x:g}" if x is not None else "" for x in (low, high)]
    return f"[{shown[0] or '-inf'}, {shown[1] or 'inf'})"


def _bands(edges: list[float]) -> list[tuple[float | None, float | None]]:
    points = [None, *edges, None]
    return list(zip(points[:-1], points[1:], strict=True))


def _band_groups(con, relation: str, value: str, edges: list[float], missing: bool) -> list[Group]:
    groups = []
    for low, high in _bands(edges):
        where = " and ".join(
            [f"{value} >= {low}"] * (low is not None) + [f"{value} < {high}"] * (high is not None)
        )
        leads, converted = con.execute(
            f"select count(*), count(*) filter (where converted) from {relation} "
            f"where {value} is not null and {where or 'true'}"
        ).fetchone()
        groups.append(Group(_band_label(low, high), leads, converted, "band", low=low, high=high))
    if missing:
        groups.append(_missing(con, relation, value))
    return [g for g in groups if g.leads]  # a band no lead falls in says nothing


def _missing(con, relation: str, value: str) -> Group:
    leads, converted = con.execute(
        f"select count(*), count(*) filter (where converted) from {relation} where {value} is null"
    ).fetchone()
    return Group("(missing)", leads, converted, "missing")


def _values(con, column: LeadColumn, top: int) -> list[Group]:
    rows = con.execute(
        f"select v, count(*), count(*) filter (where converted) from "
        f"(select {column.sql}::varchar as v, converted from _profile_leads) "
        "where v is not null group by v order by 2 desc, 1"
    ).fetchall()
    kind = {"true": "true", "false": "false"} if column.kind == "boolean" else {}
    groups = [Group(v, n, c, kind.get(v, "equals"), value=v) for v, n, c in rows[:top]]
    rest = rows[top:]
    if rest:
        label = f"(other {len(rest)} values)"
        groups.append(Group(label, sum(r[1] for r in rest), sum(r[2] for r in rest), "other"))
    return [g for g in [*groups, _missing(con, "_profile_leads", column.sql)] if g.leads]


def column_profile(con: duckdb.DuckDBPyConnection, column: LeadColumn, top: int) -> ColumnProfile:
    filled, distinct, total = con.execute(
        f"select count({column.sql}), count(distinct {column.sql}), count(*) from _profile_leads"
    ).fetchone()
    profile = ColumnProfile(column.name, column.kind, filled / total if total else 0.0, distinct)
    if column.kind != "number":
        profile.groups = _values(con, column, top)
        return profile
    quantiles = con.execute(
        f"select quantile_cont({column.sql}, {list(QUANTILES)}) from _profile_leads"
    ).fetchone()[0]
    profile.quantiles = dict(zip(QUANTILES, quantiles or [], strict=False))
    edges = con.execute(
        f"select list_distinct(quantile_disc({column.sql}, {list(BAND_QUANTILES)})) "
        "from _profile_leads"
    ).fetchone()[0]
    edges = sorted(e for e in (edges or []) if e is not None)
    profile.groups = _band_groups(con, "_profile_leads", column.sql, edges, True)
    return profile


def _per_lead(activity: str, aggregate: str) -> str:
    return (
        f"(select l.lead_id, l.converted, a.v from _profile_leads l left join (select lead_id, "
        f"{aggregate} as v from _profile_activities where activity = {literal(activity)} "
        "group by lead_id) a using (lead_id))"
    )


def activity_profiles(con, numeric_properties: list[str]) -> list[ActivityProfile]:
    rows = con.execute(
        "select activity, count(*), count(distinct lead_id) from _profile_activities "
        "group by 1 order by 3 desc, 1"
    ).fetchall()
    profiles = []
    for activity, events, leads in rows:
        counts = _per_lead(activity, "count(*)")
        converted = con.execute(
            f"select count(*) filter (where converted) from {counts} where v is not null"
        ).fetchone()[0]
        profile = ActivityProfile(activity, events, leads, converted)
        bands = _band_groups(con, counts, "v", list(COUNT_EDGES), False)
        profile.count_bands = [b for b in bands if b.low is not None]  # not "below 1"
        for prop in numeric_properties:
            path = literal("$." + json_key(prop))
            sums = _per_lead(activity, f"sum(try_cast(properties->>{path} as double))")
            edges = con.execute(
                f"select list_distinct(quantile_disc(v, {list(BAND_QUANTILES)})) from {sums} "
                "where v > 0"
            ).fetchone()[0]
            if edges:
                profile.sums[prop] = _band_groups(con, sums, "v", sorted(edges), False)
        profiles.append(profile)
    return profiles


def overall(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """(leads, converted) of everything profiled."""
    return con.execute(
        "select count(*), count(*) filter (where converted) from _profile_leads"
    ).fetchone()
