"""The public entry point: `generate(out_dir, leads, days, seed, end_date)`; `compress=True`
writes the event files gzip-compressed, as Segment's S3 destination does.

Same arguments, same bytes: every random draw comes from a stream keyed by the seed and a
name, and nothing reads the clock.
"""

from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

import numpy as np

from lead_scoring.generator import crm_records, writer
from lead_scoring.generator.calls import make_calls
from lead_scoring.generator.context import Context
from lead_scoring.generator.email_events import make_mailing
from lead_scoring.generator.identity import make_actors
from lead_scoring.generator.leads import make_leads
from lead_scoring.generator.marketing_calendar import make_calendar
from lead_scoring.generator.qualification import qualify
from lead_scoring.generator.randomness import stream
from lead_scoring.generator.sales_work import pick_worked
from lead_scoring.generator.simulation import simulate_days
from lead_scoring.generator.state import initial_state
from lead_scoring.generator.timeline import Window
from lead_scoring.generator.truth import write_truth

SUBFOLDERS = ("crm", "web", "email", "truth")


@dataclass(frozen=True)
class GenerationSummary:
    leads: int
    calls: int
    web_events: int
    email_events: int
    web_files: int
    email_files: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def generate(
    out_dir: Path,
    leads: int,
    days: int,
    seed: int,
    end_date: date,
    progress: bool = True,
    compress: bool = False,
) -> GenerationSummary:
    """Write the sample data set under `out_dir` (see docs/architecture.md for the layout)."""
    if leads < 10 or days < 1 or seed < 0:
        raise ValueError("need at least 10 leads, 1 day and a seed >= 0")
    out_dir = Path(out_dir)
    _prepare_folders(out_dir)
    window = Window(end_date, days)
    calendar = make_calendar(window)
    population = make_leads(seed, leads, window, calendar)
    actors = make_actors(seed, population, window)
    ctx = Context(
        seed,
        window,
        calendar,
        population,
        actors,
        initial_state(actors.identify_ms[: actors.persons], window),
    )
    with writer.connect() as con:
        web, email = simulate_days(
            con, ctx, make_mailing(seed, population.persons), out_dir, progress, compress
        )
        calls = _write_crm(con, ctx, out_dir)
        write_truth(con, population, out_dir / "truth" / "leads.csv")
    return GenerationSummary(leads, calls, web, email, days, days)


def _write_crm(con, ctx: Context, out_dir: Path) -> int:
    leads, window = ctx.leads, ctx.window
    worked, work_ms = pick_worked(ctx.seed, leads, ctx.state.hot_ms, window)
    calls = make_calls(ctx.seed, leads, worked, work_ms, window)
    qual = qualify(ctx.seed, leads, worked, work_ms, calls.first_per_lead(len(leads)), window)
    modified = _modified_times(ctx, qual.last_edit_ms, calls.last_logged_per_lead(len(leads)))
    crm_records.write_leads(con, leads, qual, modified, out_dir / "crm" / "leads.jsonl")
    return crm_records.write_calls(con, leads, calls, window, out_dir / "crm" / "calls.jsonl")


def _modified_times(ctx: Context, last_edit_ms, last_call_ms) -> np.ndarray:
    """Latest change: rep edits and logged calls, or a marketing edit; never past the window."""
    rng = stream(ctx.seed, "modified")
    created, end = ctx.leads.created_ms, ctx.window.end_ms
    touched = rng.random(len(created)) < 0.25
    marketing = created + ((end - created) * rng.random(len(created))).astype(np.int64)
    latest = np.maximum.reduce(
        [created, last_edit_ms, last_call_ms, np.where(touched, marketing, 0)]
    )
    return np.clip(latest, created, end - 1_000)


def _prepare_folders(out_dir: Path) -> None:
    """Create the layout and clear earlier output, so a shorter re-run leaves no stale days."""
    for name in SUBFOLDERS:
        (out_dir / name).mkdir(parents=True, exist_ok=True)
    for pattern in ("web/*.jsonl", "email/*.json", "web/*.jsonl.gz", "email/*.json.gz"):
        for old in out_dir.glob(pattern):
            old.unlink()
