"""The day loop: each UTC day's web and e-mail events are generated, then written at once.

Days run in order because people's state carries over (who has identified, unsubscribed,
bounced, registered for a webinar); within a day everything is vectorised over all people.
"""

from pathlib import Path

import duckdb
from tqdm import tqdm

from lead_scoring.generator import email_json, web_json
from lead_scoring.generator.context import Context
from lead_scoring.generator.email_events import Mailing, email_day
from lead_scoring.generator.web_events import web_day
from lead_scoring.generator.writer import write_json_array, write_json_lines


def simulate_days(
    con: duckdb.DuckDBPyConnection, ctx: Context, mailing: Mailing, out_dir: Path, progress: bool
) -> tuple[int, int]:
    """Write web/YYYY-MM-DD.jsonl and email/YYYY-MM-DD.json; return (web, e-mail) event counts."""
    web_dir, email_dir = out_dir / "web", out_dir / "email"
    web_json.prepare(con, ctx)
    email_json.prepare(con, ctx)
    devices = web_json.make_devices(con, ctx)
    web_total = email_total = 0
    days = tqdm(range(ctx.window.days), desc="events", unit="day", disable=not progress)
    for day in days:
        name = ctx.window.day_date(day).isoformat()
        web = web_day(ctx, day)
        web_total += write_json_lines(
            con, web_json.day_query(con, ctx, devices, day, web), web_dir / f"{name}.jsonl"
        )
        email = email_day(ctx, mailing, day)
        email_total += write_json_array(
            con, email_json.day_query(con, ctx, devices, day, email), email_dir / f"{name}.json"
        )
        days.set_postfix(web=web_total, email=email_total, refresh=False)
    return web_total, email_total
