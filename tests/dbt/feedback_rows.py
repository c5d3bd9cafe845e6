"""A small hand-made funnel for the feedback marts: eight leads created over two weeks that
straddle a month end, with hand-offs, dispositions and one duplicate e-mail.

Weeks start on Monday: 2026-10-26 (Oct 27, Oct 30 and Nov 1 fall in it) and 2026-11-02.
L1 won after a hand-off, accepted on Saturday 2026-10-31; L2 handed off and rejected for no
budget; L3 an MQL sales recycled (created on a Sunday: October's week, November's month);
L4 an MQL; L5 a cold lead without owner; L6 accepted after a hand-off, deal open; L7 a second
record of L6's e-mail (never counted in conversion); L8 handed off, rejected without a reason.
"""

import io

import pandas as pd

LEADS_CSV = """\
lead_id,created_at,tier,total_score,lead_source,owner_name,is_mql,is_sales_ready,is_sql,is_converted,is_won,is_rejected,lifecycle_stage,recycled_at,hours_to_handoff,sales_disposition,disposition_reason,disposition_at
L1,2026-10-27 09:00,Hot,85,Web,Sato,1,1,1,1,1,0,won,,10,Accepted,Good fit,2026-10-31 10:00
L2,2026-10-30 09:00,Hot,72,Web,Sato,1,1,0,0,0,1,lost,,30,Rejected,No budget,2026-11-04 10:00
L3,2026-11-01 09:00,Warm,45,Event,Suzuki,1,0,0,0,0,0,recycled,2026-11-10 10:00,,Recycled,Not now,2026-11-10 10:00
L4,2026-11-02 09:00,Warm,30,Event,Suzuki,1,0,0,0,0,0,mql,,,,,
L5,2026-11-03 09:00,Cold,10,Web,,0,0,0,0,0,0,lead,,,,,
L6,2026-11-05 09:00,Hot,90,Web,Sato,1,1,1,1,0,0,sql,,5,Accepted,Good fit,2026-11-06 10:00
L7,2026-11-05 10:00,Cold,0,Web,Sato,0,0,0,0,0,0,lead,,,,,
L8,2026-11-06 09:00,Hot,75,Web,Sato,1,1,0,0,0,1,lost,,20,Rejected,,2026-11-06 11:00
"""  # noqa: E501  (one lead per line reads best)
DUPLICATES = {"L7"}
FLAGS = ["is_mql", "is_sales_ready", "is_sql", "is_converted", "is_won", "is_rejected"]


def qualification() -> pd.DataFrame:
    frame = pd.read_csv(
        io.StringIO(LEADS_CSV),
        parse_dates=["created_at", "recycled_at", "disposition_at"],
        dtype={"total_score": "int32", "hours_to_handoff": "float64"},
    )
    frame[FLAGS] = frame[FLAGS].astype(bool)
    return frame


def scores() -> pd.DataFrame:
    ids = qualification()["lead_id"]
    return pd.DataFrame({"lead_id": ids, "is_duplicate_email": ids.isin(DUPLICATES)})
