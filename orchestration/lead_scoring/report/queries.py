"""The report's questions to the published snapshot, one query per section.

`{lead}` is the lead key column (lead_id, or lead_key in the PII-free variant).
"""

import pandas as pd

from lead_scoring.report.snapshot import Snapshot

WINDOW_DAYS = {"week": 7, "month": 30}
EMPTY_HANDOFFS = ["lead", "owner_name", "total_score", "reasons", "sla_due_at"]


def handoffs(snap: Snapshot, locale: str, period: str) -> pd.DataFrame:
    """Hand-offs recorded on the latest snapshot day (the whole week or month with a period
    view), with owner, score, reasons in `locale`, SLA due time and the hand-off package."""
    if not snap.has("marts", "lead_handoffs"):
        return pd.DataFrame(columns=EMPTY_HANDOFFS)
    days = 1 if period == "day" else WINDOW_DAYS[period]
    return snap.df(
        f"""
        select
            handoffs.{{lead}} as lead, qualification.owner_name,
            handoffs.total_score_at_handoff as total_score,
            reasons.score_reasons_{locale} as reasons, handoffs.sla_due_at, package.*
        from marts.lead_handoffs as handoffs
        left join marts.lead_qualification as qualification using ({{lead}})
        left join marts.lead_score_reasons as reasons using ({{lead}})
        left join marts.lead_handoff_packages as package using ({{lead}})
        where handoffs.recorded_on > (select max(recorded_on) from marts.lead_handoffs) - {days}
        order by handoffs.total_score_at_handoff desc, handoffs.handed_off_at, lead
        """
    )


def tiers(snap: Snapshot) -> pd.DataFrame:
    """Tier counts on the latest snapshot day, the day before and a week before (null when
    that day has no snapshot)."""
    return snap.df(
        """
        with days as (select max(snapshot_date) as today from marts.lead_score_history),
        counts as (
            select snapshot_date, tier, count(*) as leads
            from marts.lead_score_history group by 1, 2
        )
        select tiers.tier,
            coalesce(today.leads, 0) as today,
            coalesce(today.leads, 0) - yesterday.leads as vs_yesterday,
            coalesce(today.leads, 0) - last_week.leads as vs_last_week
        from (select distinct tier from counts) as tiers
        cross join days
        left join counts as today
            on today.tier = tiers.tier and today.snapshot_date = days.today
        left join counts as yesterday
            on yesterday.tier = tiers.tier and yesterday.snapshot_date = days.today - 1
        left join counts as last_week
            on last_week.tier = tiers.tier and last_week.snapshot_date = days.today - 7
        order by case tiers.tier when 'Hot' then 0 when 'Warm' then 1 when 'Cold' then 2
            else 3 end, tiers.tier
        """
    )


TREND_PERIODS = 12  # weeks or months on the trend charts


def funnel(snap: Snapshot, period: str) -> pd.DataFrame:
    """The funnel of the leads created in each of the latest weeks (months)."""
    return snap.df(
        """
        select * from (
            select period_start, leads, mqls, sales_ready_leads, sqls, won
            from marts.feedback_conversion
            where period_type = ? and dimension = 'all'
            order by period_start desc limit ?
        ) order by period_start
        """,
        [period, TREND_PERIODS],
    )


def sla(snap: Snapshot, period: str, dimension: str) -> pd.DataFrame:
    period_type = "all" if dimension == "owner" else period
    return snap.df(
        """
        select coalesce(cast(period_start as varchar), segment) as label,
            sla_met, sla_breached, sla_pending
        from marts.feedback_sla
        where period_type = ? and dimension = ?
            and (period_start is null or period_start >= (
                select max(period_start) from marts.feedback_sla where period_type = ?
            ) - to_days(cast(? as integer)))
        order by period_start, segment
        """,
        [period_type, dimension, period_type, TREND_PERIODS * 31],
    )


def conversion(snap: Snapshot, dimension: str) -> pd.DataFrame:
    return snap.df(
        """
        select segment, leads, converted, conversion_rate
        from marts.feedback_conversion
        where period_type = 'all' and dimension = ?
        -- score bands ("70-79", "below 0") in score order
        order by try_cast(regexp_extract(segment, '^-?[0-9]+') as integer) nulls first, segment
        """,
        [dimension],
    )


def rules(snap: Snapshot, limit: int = 10) -> pd.DataFrame:
    return snap.df(
        """
        select rule_id, label, leads_fired, lift, conversion_rate_fired,
            conversion_rate_not_fired
        from marts.feedback_rule_lift
        order by leads_fired desc, rule_id
        limit ?
        """,
        [limit],
    )


def ops(snap: Snapshot, name: str) -> pd.DataFrame:
    if not snap.has("ops", name) and not snap.overridden(name):
        return pd.DataFrame()
    return snap.df(f'select * from ops."{name}"')
