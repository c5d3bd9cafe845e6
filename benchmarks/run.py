"""`make bench`: the performance targets of docs/performance.md, measured on this machine.

Generates N leads over D days, holds the last day back, loads and scores the rest (full
build), then adds the last day (incremental run), and syncs every payload to the CRM sandbox
under a rate limit. Every stage runs in its own process; its wall time and peak memory are
written to BENCHMARKS.md with the machine and the command.
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
END_DATE = "2026-11-20"
SCORE_MODELS_STAGE = "dbt build, score models only (intermediate + marts)"
WRAPPER = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, text=True)
sys.stdout.write(done.stdout)
print("BENCH " + json.dumps({"rc": done.returncode, "wall": time.perf_counter() - started,
      "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def measure(name: str, command: list[str], env: dict) -> dict:
    """Run one stage in a fresh process; its own JSON figures plus wall time and peak RSS."""
    print(f"[bench] {name} ...", flush=True)
    done = subprocess.run([sys.executable, "-c", WRAPPER, *command], env=env,
                          stdout=subprocess.PIPE, text=True, cwd=ROOT)  # fmt: skip
    lines = done.stdout.strip().splitlines()
    outer = json.loads(lines[-1].removeprefix("BENCH "))
    if outer["rc"] != 0:
        raise SystemExit(f"[bench] {name} failed (exit {outer['rc']}):\n{done.stdout[-3000:]}")
    inner = {}
    for line in reversed(lines[:-1]):
        if line.startswith("{"):
            inner = json.loads(line)
            break
    result = {"stage": name, **inner, "wall": outer["wall"], "peak_mb": outer["peak_mb"]}
    if Path(command[0]).name == "dbt":  # what dbt spent on the models and tests, start-up aside
        results = json.loads((ROOT / "dbt_project/target/run_results.json").read_text())
        result["dbt_elapsed"] = results["elapsed_time"]
    print(f"[bench] {name}: {outer['wall']:.1f} s, peak {outer['peak_mb']:.0f} MB", flush=True)
    return result


def stage(name: str, work: Path) -> list[str]:
    return [sys.executable, str(ROOT / "benchmarks/stages.py"), name, str(work)]


def dbt(as_of: str, *args: str) -> list[str]:
    vars_ = json.dumps({"score_as_of": as_of})
    project = ["--project-dir", "dbt_project", "--profiles-dir", "dbt_project"]
    return [str(BIN / "dbt"), "build", *project, "--exclude-resource-type", "unit_test",
            "--vars", vars_, *args]  # fmt: skip


def hold_back_last_day(work: Path) -> Path:
    held = work / "next_day"
    held.mkdir(exist_ok=True)
    for folder, suffix in (("web", ".jsonl"), ("email", ".json")):
        (held / folder).mkdir(exist_ok=True)
        shutil.move(work / "generated" / folder / f"{END_DATE}{suffix}", held / folder)
    return held


def restore_last_day(work: Path, held: Path) -> None:
    for folder in ("web", "email"):
        for path in (held / folder).iterdir():
            shutil.move(path, work / "generated" / folder / path.name)


def run_stages(work: Path, leads: int, days: int, rate_limit: float, env: dict) -> list[dict]:
    from lead_scoring.demo import sandbox_process

    results = [measure("generate", [str(BIN / "lead-scoring"), "generate", "--out",
                       str(work / "generated"), "--leads", str(leads), "--days", str(days),
                       "--seed", "1", "--end-date", END_DATE], env)]  # fmt: skip
    held = hold_back_last_day(work)
    results.append(measure("ingest CRM leads", stage("ingest-crm", work), env))
    results.append(
        measure("ingest events (all but the last day)", stage("ingest-events", work), env)
    )
    results.append(measure("bare aggregation per person", stage("bare-aggregation", work), env))
    before = f"{END_DATE}T00:00:00"
    full, scores = "dbt build, full (staging + scores + tests)", SCORE_MODELS_STAGE
    results.append(measure(full, dbt(before, "--full-refresh"), env))
    results.append(measure(scores, dbt(before, "--select", "intermediate", "marts"), env))
    restore_last_day(work, held)
    results.append(measure("incremental: ingest the new day", stage("ingest-events", work), env))
    results.append(measure("incremental: dbt build", dbt(f"{END_DATE}T23:59:59"), env))
    extra = ("--rate-limit-per-second", str(rate_limit))
    with sandbox_process(work / "crm.sqlite", work / "generated/crm", 8791, extra, 1800) as url:
        sync_env = {**env, "BENCH_CRM_URL": url, "BENCH_CRM_RATE_LIMIT": str(rate_limit)}
        results.append(measure("reverse ETL to the sandbox", stage("sync", work), sync_env))
    return results


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo
                if line.startswith("model name")), platform.processor())  # fmt: skip
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    memory_kb = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal"))
    return f"{os.cpu_count()} cores ({cpu}), {memory_kb / 1024**2:.0f} GiB, {platform.platform()}"


def targets(by: dict) -> list[tuple[str, str, bool]]:
    """(target of docs/performance.md, what was measured, met?)."""
    bare = by["bare aggregation per person"]["seconds"]
    scores = by[SCORE_MODELS_STAGE]["wall"]
    scores_sql = by[SCORE_MODELS_STAGE]["dbt_elapsed"]
    full = by["dbt build, full (staging + scores + tests)"]["wall"]
    incremental = sum(r["wall"] for name, r in by.items() if name.startswith("incremental"))
    sync = by["reverse ETL to the sandbox"]
    first, second, limit = sync["first"], sync["second"], sync["rate_limit"]
    batches = ("records", "handoff_tags", "handoff_tasks")  # each sent 100 to a call
    expected_calls = sum(-(-first[kind] // 100) for kind in batches) + first["http_retries"]
    peak = max(r["peak_mb"] for r in by.values())
    return [
        (
            "score models within 5x a bare aggregation",
            f"{scores:.1f} s / {bare:.1f} s = {scores / bare:.1f}x "
            f"(whole build {full / bare:.1f}x; without dbt's start-up {scores_sql / bare:.1f}x)",
            scores <= 5 * bare,
        ),
        (
            "incremental day within 1/10 of the full build",
            f"{incremental:.1f} s / {full:.1f} s = {incremental / full:.2f}",
            incremental <= full / 10,
        ),
        (
            "API calls = ceil(records / 100) plus retries",
            f"{first['api_calls']} calls for {first['records']:,} scores, "
            f"{first['handoff_tags']:,} tags, {first['handoff_tasks']:,} tasks, "
            f"{first['http_retries']} retries",
            first["api_calls"] == expected_calls,
        ),
        (
            "zero calls when nothing changed",
            f"{second['api_calls']} calls",
            second["api_calls"] == 0,
        ),
        (
            "throughput >= 90% of the CRM rate limit",
            f"{first['calls_per_second']:.1f}/s of {limit:.0f}/s "
            f"({sync['max_workers']} batches in flight, {first['throttled']} throttled)",
            first["calls_per_second"] >= 0.9 * limit,
        ),
        ("peak memory under 4 GiB", f"{peak:.0f} MB", peak < 4096),
    ]


def stage_row(result: dict) -> str:
    dbt_own = f"{result['dbt_elapsed']:.1f}" if "dbt_elapsed" in result else ""
    return f"| {result['stage']} | {result['wall']:.1f} | {dbt_own} | {result['peak_mb']:.0f} |"


def report(results: list[dict], args: argparse.Namespace, seconds: float) -> str:
    by = {r["stage"]: r for r in results}
    events = by["ingest events (all but the last day)"].get("rows", 0)
    new_day = by["incremental: ingest the new day"].get("rows", 0)
    return "\n".join(
        [
            f"## {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: {args.leads:,} leads, {args.days} days",
            "",
            f"- machine: {machine()}",
            f"- command: `make bench LEADS={args.leads} DAYS={args.days} "
            f"RATE_LIMIT={args.rate_limit:g}` "
            f"({seconds / 60:.1f} min in all)",
            f"- events: {events:,} loaded, then {new_day:,} on the new day",
            "",
            "| stage | wall s | of which dbt's models and tests s | peak MB |",
            "|---|---:|---:|---:|",
            *[stage_row(r) for r in results],
            "",
            "| target (docs/performance.md) | measured | met |",
            "|---|---|---|",
            *[f"| {t} | {m} | {'yes' if ok else '**no**'} |" for t, m, ok in targets(by)],
            "",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--rate-limit", type=float, default=50.0, help="CRM sandbox requests/s")
    parser.add_argument("--work", type=Path, default=ROOT / "data/bench")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md",
                        help="results file; the new section goes on top")  # fmt: skip
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    env = {**os.environ, "LEAD_SCORING_DUCKDB": str(args.work / "warehouse.duckdb"),
           "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}  # fmt: skip
    started = time.perf_counter()
    results = run_stages(args.work, args.leads, args.days, args.rate_limit, env)
    section = report(results, args, time.perf_counter() - started)
    out = args.out
    previous = out.read_text().split("\n", 2)[2] if out.exists() else ""
    out.write_text("# Benchmarks\n\n" + section + "\n" + previous)
    print(section)
    shutil.rmtree(args.work, ignore_errors=True)  # the data is large and re-made in minutes
    return 0


if __name__ == "__main__":
    sys.exit(main())
