"""Write the report: `<reports dir>/<date>.html` and a copy as `latest.html`.

The period views are separate pages (`<date>-week.html`, `latest-week.html`, ...). Each file is
written beside its target and renamed onto it, so a reader never opens half a report.
"""

import csv
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from lead_scoring import settings
from lead_scoring.report import health_section, sections
from lead_scoring.report.labels import SECTIONS, labels
from lead_scoring.report.page import page_html
from lead_scoring.report.snapshot import Snapshot

PERIODS = ("day", "week", "month")
BUILDERS = {
    "handoffs": sections.handoffs,
    "tiers": sections.tiers,
    "funnel": sections.funnel,
    "sla": sections.sla,
    "conversion": sections.conversion,
    "rules": sections.rules,
    "health": health_section.health,
}
RULE_LABELS_JA = settings.DBT_PROJECT_DIR / "seeds" / "score_rule_labels_ja.csv"


@dataclass(frozen=True)
class Report:
    path: Path
    latest: Path
    size_bytes: int
    locale: str
    period: str
    pii_free: bool


def rule_labels(locale: str) -> dict[str, str]:
    """Rule labels in `locale` from the seed the CRM reasons use (English: the marts')."""
    if locale != "ja":
        return {}
    with RULE_LABELS_JA.open(encoding="utf-8") as handle:
        return {row["rule_id"]: row["label_ja"] for row in csv.DictReader(handle)}


def render(snap: Snapshot, locale: str, period: str, now: datetime) -> str:
    words = labels(locale)
    ctx = sections.Context(snap, words, locale, period, rule_labels(locale))
    body = {key: (words[key], BUILDERS[key](ctx)) for key in SECTIONS}
    subtitle = [
        words["generated"].format(
            published=snap.published_at(), generated=now.strftime("%Y-%m-%d %H:%M %Z")
        )
    ]
    if period != "day":
        subtitle.append(words["period"][period])
    if snap.pii_free:
        subtitle.append(words["pii_free"])
    return page_html(words["title"], subtitle, body, locale)


def _write(path: Path, text: str) -> None:
    """Atomically; each writer has its own temporary file, so two runs writing the same day's
    report at once both finish (the last one's page stays) instead of one losing its file."""
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    ) as work:
        work.write(text)
    os.replace(work.name, path)


def write_report(
    snapshot_path: Path,
    out_dir: Path,
    *,
    locale: str,
    period: str = "day",
    pii_key: str | None = None,
    ops: dict[str, pd.DataFrame] | None = None,
    now: datetime | None = None,
) -> Report:
    """Render the report of the snapshot at `snapshot_path` into `out_dir`."""
    if period not in PERIODS:
        raise ValueError(f"report period {period!r}: expected one of {', '.join(PERIODS)}")
    now = now or datetime.now(UTC)
    snap = Snapshot(snapshot_path, pii_key=pii_key)
    try:
        if ops is not None:
            snap.use_ops(ops)
        text = render(snap, locale, period, now)
        pii_free = snap.pii_free
    finally:
        snap.close()
    suffix = "" if period == "day" else f"-{period}"
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{now.date().isoformat()}{suffix}.html"
    latest = out_dir / f"latest{suffix}.html"
    _write(path, text)
    _write(latest, text)
    return Report(path, latest, path.stat().st_size, locale, period, pii_free)
