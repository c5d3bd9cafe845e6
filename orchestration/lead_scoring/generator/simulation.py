"""The day loop: each UTC day's web and e-mail events are generated, then written at once.

Days run in order because people's state carries over (who has identified, unsubscribed,
bounced, registered for a webinar); within a day everything is vectorised over all people,
and rendering goes in slices so memory stays flat however large a day is.
"""

from pathlib import Path

import duckdb
import numpy as np
from tqdm import tqdm

from lead_scoring.generator import email_json, web_json
from lead_scoring.generator.context import Context
from lead_scoring.generator.email_events import Mailing, email_day
from lead_scoring.generator.identity_text import make_person_text
from lead_scoring.generator.randomness import stream
from lead_scoring.generator.web_events import web_day
from lead_scoring.generator.writer import BackgroundWriter

SLICE = 50_000  # events rendered at a time


def simulate_days(
    con: duckdb.DuckDBPyConnection,
    ctx: Context,
    mailing: Mailing,
    out_dir: Path,
    progress: bool,
    compress: bool = False,
) -> tuple[int, int]:
    """Write web/YYYY-MM-DD.jsonl and email/YYYY-MM-DD.json (+ .gz when `compress`); return
    (web, e-mail) event counts."""
    gz = ".gz" if compress else ""
    people = make_person_text(con, ctx)
    web_text = web_json.make_web_text(ctx, people)
    email_text = email_json.make_email_text(ctx, people)
    web_total = email_total = 0
    files = BackgroundWriter()
    days = tqdm(range(ctx.window.days), desc="events", unit="day", disable=not progress)
    try:
        for day in days:
            name = ctx.window.day_date(day).isoformat()
            web = _with_latency(ctx, day, web_day(ctx, day))
            files.open(out_dir / "web" / f"{name}.jsonl{gz}")
            for part in _slices(web):
                files.write(web_json.render(ctx, web_text, people, day, part))
            files.close_file()
            email = email_day(ctx, mailing, day)
            email["seq"] = np.arange(len(email["ts"]))
            files.open(out_dir / "email" / f"{name}.json{gz}", json_array=True)
            for part in _slices(email):
                agents = web_text.user_agent
                files.write(email_json.render(ctx, email_text, people, agents, day, part))
            files.close_file()
            web_total, email_total = web_total + len(web["ts"]), email_total + len(email["ts"])
            days.set_postfix(web=web_total, email=email_total, refresh=False)
    finally:
        files.finish()
    return web_total, email_total


def _with_latency(ctx: Context, day: int, events: dict) -> dict:
    """Segment's sentAt (the browser batches) and receivedAt, plus each event's position."""
    rng = stream(ctx.seed, "web-latency", day)
    n = len(events["ts"])
    sent = events["ts"] + rng.integers(5, 2_000, n)
    return {
        **events,
        "seq": np.arange(n),
        "sent": sent,
        "received": sent + rng.integers(30, 400, n),
    }


def _slices(events: dict):
    n = len(events["ts"])
    for start in range(0, n, SLICE):
        yield {name: values[start : start + SLICE] for name, values in events.items()}
