"""The schedule-zone date of a UTC time (macro local_date) on DuckDB: where a zone's offset no
longer changes, the macro adds it as a number instead of converting; every date must still be
the one DuckDB's own conversion gives, before, at and after the day the shortcut starts."""

import re
from datetime import datetime, timedelta

import duckdb

from .dbt_helpers import run_dbt

# fixed for decades, a :30 and a :45 offset, daylight saving time abolished (2019, 2021),
# daylight saving time still, a 44:30 offset until 1972, a 30-minute daylight saving shift,
# a day skipped (2011), UTC and the furthest offset
ZONES = [
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "America/Sao_Paulo",
    "Pacific/Apia",
    "Europe/Berlin",
    "America/New_York",
    "Africa/Monrovia",
    "Australia/Lord_Howe",
    "UTC",
    "Etc/GMT-14",
]
SHORTCUT = re.compile(
    r">= cast\('(\d{4}-\d{2}-\d{2})' as timestamp\).*?else timezone\('([^']+)'", re.S
)


def compiled_dates(tmp_path) -> str:
    columns = ", ".join(f"{{{{ local_date('ts', '{zone}') }}}} as \"{zone}\"" for zone in ZONES)
    result = run_dbt(
        ["compile", "--quiet", "--inline", f"select ts, {columns} from times"],
        tmp_path / "scratch.duckdb",
        tmp_path / "work",
    )
    assert result.returncode == 0, result.stdout[-3000:]
    return result.stdout


def sample_times(shortcut_days: list[str]) -> str:
    """SQL for every 7 h 13 min from 1900 to 2100, and every 5 minutes from two days before
    to two days after each day a shortcut starts."""
    ranges = [
        "range(timestamp '1900-01-01', timestamp '2100-01-01', interval '7 hours 13 minutes')"
    ]
    for day in shortcut_days:
        start = datetime.fromisoformat(day) - timedelta(days=2)
        end = start + timedelta(days=4)
        ranges.append(f"range(timestamp '{start}', timestamp '{end}', interval 5 minute)")
    return " union all ".join(f"select range as ts from {r}" for r in ranges)


def test_every_date_is_duckdbs_own_conversion(tmp_path):
    sql = compiled_dates(tmp_path)
    shortcuts = dict((zone, day) for day, zone in SHORTCUT.findall(sql))
    # the shortcut is taken where the offset is fixed, and only there
    assert shortcuts["Asia/Tokyo"] == "1951-09-09"
    assert {"Asia/Kolkata", "Asia/Kathmandu", "America/Sao_Paulo", "UTC"} <= set(shortcuts)
    assert not {"Europe/Berlin", "America/New_York", "Australia/Lord_Howe"} & set(shortcuts)

    with duckdb.connect() as con:
        con.execute("set TimeZone = 'UTC'")
        con.execute(f"create table times as {sample_times(shortcuts.values())}")
        oracle = ", ".join(
            f"cast(timezone('{zone}', cast(ts as timestamptz)) as date) as \"{zone}\""
            for zone in ZONES
        )
        differ = " or ".join(f'm."{zone}" <> o."{zone}"' for zone in ZONES)
        wrong = con.execute(
            f"select m.* from ({sql}) as m join (select ts, {oracle} from times) as o "
            f"using (ts) where {differ} limit 5"
        ).fetchall()
        checked = con.execute("select count(*) from times").fetchone()[0]
    assert checked > 20_000
    assert wrong == []
