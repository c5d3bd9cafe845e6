"""The profile as text: one block per column and per activity, each group with its conversion."""

from lead_scoring.profiling.sources import Source
from lead_scoring.profiling.stats import ActivityProfile, ColumnProfile, Group


def _rate(converted: int, leads: int) -> str:
    return f"{converted / leads:6.1%}" if leads else "     -"


def _group_line(group: Group, rate: float | None) -> str:
    line = f"    {group.label[:38]:<38} {group.leads:>8,}"
    if rate is not None:
        lift = (group.converted / group.leads / rate) if group.leads and rate else None
        line += f" {group.converted:>7,} {_rate(group.converted, group.leads)}"
        line += f" {lift:6.2f}x" if lift is not None else "      -"
    return line


def _header(rate: float | None) -> str:
    return f"    {'value / band':<38} {'leads':>8}" + (
        f" {'conv.':>7} {'rate':>6} {'lift':>7}" if rate is not None else ""
    )


def column_block(profile: ColumnProfile, rate: float | None) -> list[str]:
    lines = [
        f"{profile.name}  ({profile.kind}, filled {profile.fill_rate:.0%}, "
        f"{profile.distinct:,} distinct)"
    ]
    if profile.quantiles:
        shown = ", ".join(
            f"p{int(q * 100)} {v:g}" for q, v in profile.quantiles.items() if v is not None
        )
        lines.append(f"    quantiles: {shown}")
    return [*lines, _header(rate), *(_group_line(g, rate) for g in profile.groups), ""]


def activity_block(profile: ActivityProfile, total: int, rate: float | None) -> list[str]:
    lines = [f"activity {profile.activity}  ({profile.events:,} events, {profile.leads:,} leads)"]
    if rate is not None and profile.leads:
        without = total - profile.leads
        lines[0] += f"  converted: with {profile.converted / profile.leads:.1%}" + (
            f", overall {rate:.1%}" if without else ""
        )
    lines += [
        "  count per lead",
        _header(rate),
        *(_group_line(g, rate) for g in profile.count_bands),
    ]
    for prop, groups in profile.sums.items():
        lines += [f"  sum of {prop} per lead", _header(rate)]
        lines += [_group_line(g, rate) for g in groups]
    return [*lines, ""]


def render(
    source: Source,
    totals: tuple[int, int],
    columns: list[ColumnProfile],
    activities: list[ActivityProfile],
) -> str:
    leads, converted = totals
    rate = converted / leads if source.has_outcome and leads else None
    outcome = (
        f"{converted:,} converted ({rate:.1%})"
        if rate is not None
        else "no outcome mapped (add a 'leads,outcome' or 'crm,outcome' row)"
    )
    lines = [f"Profile of {leads:,} leads from {source.leads_from}: {outcome}", ""]
    for profile in columns:
        lines += column_block(profile, rate)
    if source.activities_from:
        lines += [f"Activities from {source.activities_from}", ""]
    for profile in activities:
        lines += activity_block(profile, leads, rate)
    return "\n".join(lines)
