"""The figures of a bench run: bench/results.json and its dated section of BENCHMARKS.md."""

import argparse
import os
import platform
from datetime import UTC, datetime
from pathlib import Path

from stage_names import (
    FLOOR,
    FULL,
    INGEST_DAY,
    INGEST_EVENTS,
    NIGHTLY_DBT,
    NIGHTLY_SYNC,
    READ_JSON,
    SCORES,
    SYNC,
)

BATCHED = ("records", "handoff_tags", "handoff_tasks")  # each sent 100 to a call


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")),
        platform.processor(),
    )
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    memory_kb = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal"))
    return f"{os.cpu_count()} cores ({cpu}), {memory_kb / 1024**2:.0f} GiB, {platform.platform()}"


def expected_calls(sync_pass: dict) -> int:
    return sum(-(-sync_pass[kind] // 100) for kind in BATCHED) + sync_pass["http_retries"]


def results_of(stages: list[dict], args: argparse.Namespace, seconds: float) -> dict:
    """The issue's keys first, then what they came from."""
    by = {r["stage"]: r for r in stages}
    measured = [r for r in stages if not r.get("cached")]
    sync, generated = by[SYNC], by["generate"]
    return {
        "leads": args.leads,
        "days": args.days,
        "events": by[INGEST_EVENTS]["rows"] + by[INGEST_DAY]["rows"],
        "new_day_events": by[INGEST_DAY]["rows"],
        "generated_events": generated["web_events"] + generated["email_events"],
        "floor_s": by[FLOOR]["seconds"],
        "score_models_s": by[SCORES]["wall"],
        "full_build_s": by[FULL]["wall"],
        "nightly_s": sum(by[name]["wall"] for name in (INGEST_DAY, NIGHTLY_DBT, NIGHTLY_SYNC)),
        "ingest_day_s": by[INGEST_DAY]["seconds"],
        "read_json_day_s": by[READ_JSON]["seconds"],
        "peak_rss_mb": max(r["peak_mb"] for r in measured),
        "sync_calls_per_s": sync["full"]["calls_per_second"],
        "sync_rate_limit_per_s": sync["rate_limit"],
        "machine": machine(),
        "command": f"make bench LEADS={args.leads} DAYS={args.days} RATE_LIMIT={args.rate_limit:g}",
        "date": f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "total_s": seconds,
        "generation_cached": generated["cached"],
        "models": {"full_build": by[FULL]["models"], "nightly_build": by[NIGHTLY_DBT]["models"]},
        "stages": [{k: v for k, v in r.items() if k != "models"} for r in stages],
    }


def targets(r: dict) -> list[tuple[str, str, bool]]:
    """(target of docs/performance.md, what was measured, met?)."""
    sync = next(s for s in r["stages"] if s["stage"] == SYNC)
    nightly = next(s for s in r["stages"] if s["stage"] == NIGHTLY_SYNC)["nightly"]
    full, again, limit = sync["full"], sync["again"], r["sync_rate_limit_per_s"]
    floor, scores, build = r["floor_s"], r["score_models_s"], r["full_build_s"]
    return [
        (
            "score models within 5x the floor",
            f"{scores:.1f} s / {floor:.1f} s = {scores / floor:.1f}x",
            scores <= 5 * floor,
        ),
        (
            "nightly run (ingest + dbt + sync) within 1/10 of the full build",
            f"{r['nightly_s']:.1f} s / {build:.1f} s = {r['nightly_s'] / build:.2f}",
            r["nightly_s"] <= build / 10,
        ),
        (
            "landing a day within 1.25x DuckDB's read_json of it",
            f"{r['ingest_day_s']:.2f} s / {r['read_json_day_s']:.2f} s = "
            f"{r['ingest_day_s'] / r['read_json_day_s']:.1f}x",
            r["ingest_day_s"] <= 1.25 * r["read_json_day_s"],
        ),
        (
            "API calls = ceil(records / 100) plus retries",
            f"full: {full['api_calls']} calls for {full['records']:,} scores, "
            f"{full['handoff_tags']:,} tags, {full['handoff_tasks']:,} tasks, "
            f"{full['http_retries']} retries; nightly: {nightly['api_calls']} calls for "
            f"{nightly['records']:,} changed scores",
            full["api_calls"] == expected_calls(full)
            and nightly["api_calls"] == expected_calls(nightly),
        ),
        ("zero calls when nothing changed", f"{again['api_calls']} calls", again["api_calls"] == 0),
        (
            "sync throughput >= 90% of the CRM rate limit",
            f"{r['sync_calls_per_s']:.1f}/s of {limit:g}/s ({sync['max_workers']} batches in "
            f"flight, {full['throttled']} throttled)",
            r["sync_calls_per_s"] >= 0.9 * limit,
        ),
        (
            "peak RSS under 4 GiB in every stage",
            f"{r['peak_rss_mb']:.0f} MB",
            r["peak_rss_mb"] < 4096,
        ),
    ]


def stage_row(s: dict) -> str:
    if s.get("cached"):
        return f"| {s['stage']} | cached |  |  |"
    dbt_own = f"{s['dbt_elapsed']:.1f}" if "dbt_elapsed" in s else ""
    return f"| {s['stage']} | {s['wall']:.1f} | {dbt_own} | {s['peak_mb']:.0f} |"


def _seconds(times: dict, name: str) -> str:
    return f"{times[name]:.2f}" if name in times else ""


def model_rows(models: dict) -> list[str]:
    """One row per model, slowest of the full build first (blank: not run in that build)."""
    full, nightly = models["full_build"], models["nightly_build"]
    names = sorted(full.keys() | nightly.keys(), key=lambda name: -full.get(name, 0))
    return [f"| {n} | {_seconds(full, n)} | {_seconds(nightly, n)} |" for n in names]


def section(r: dict) -> str:
    data = "cached" if r["generation_cached"] else "generated in this run"
    return "\n".join(
        [
            f"## {r['date']}: {r['leads']:,} leads, {r['days']} days",
            "",
            f"- machine: {r['machine']}",
            f"- command: `{r['command']}` ({r['total_s'] / 60:.1f} min in all)",
            f"- events: {r['events']:,} loaded of {r['generated_events']:,} generated "
            f"(gzip landing files, {data}), {r['new_day_events']:,} of them on the new day",
            "",
            "| stage | wall s | of which dbt's models and tests s | peak MB |",
            "|---|---:|---:|---:|",
            *[stage_row(s) for s in r["stages"]],
            "",
            "| target (docs/performance.md) | measured | met |",
            "|---|---|---|",
            *[f"| {t} | {m} | {'yes' if ok else '**no**'} |" for t, m, ok in targets(r)],
            "",
            "| model | full build s | nightly build s |",
            "|---|---:|---:|",
            *model_rows(r["models"]),
            "",
        ]
    )
