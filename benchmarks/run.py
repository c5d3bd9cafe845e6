"""`make bench`: the performance targets of docs/performance.md, measured in one run.

Generates N leads over D days (gzip landing files, cached per size: see data_cache.py), holds
the last day back, loads the rest and measures the floor (a bare aggregation per person), the
full build and the score models alone, then syncs every score to the CRM sandbox. Then the
nightly run: the last day lands, an incremental build, and a sync of what changed; and DuckDB's
own read_json of that day's files. Every stage runs in its own process (measure.py). Writes
bench/results.json and a dated section on top of BENCHMARKS.md (report.py).
"""

import argparse
import json
import os
import shutil
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import data_cache
import stage_names as names
from measure import ROOT, measure
from report import results_of, section

BIN = Path(sys.executable).parent
END_DATE = "2026-11-20"  # the new day of the nightly run
SEED = 1


def stage(name: str, work: Path, *args: str) -> list[str]:
    return [sys.executable, str(ROOT / "benchmarks/stages.py"), name, str(work), *args]


def dbt(*args: str) -> list[str]:
    project = ["--project-dir", "dbt_project", "--profiles-dir", "dbt_project"]
    exclude = ["--exclude-resource-type", "unit_test"]
    return [str(BIN / "dbt"), "build", *project, *exclude, *args]


def as_of(env: dict, moment: str) -> dict:
    """The scoring time as the nightly job passes it: in the environment, which dbt reads only
    when executing. A --vars value would make dbt parse the whole project again (3-4 s a run)."""
    return {**env, "LEAD_SCORING_SCORE_AS_OF": moment}


def dataset(args: argparse.Namespace, env: dict) -> tuple[Path, dict]:
    """The cached data set of this size, generated first if the cache has none."""
    folder = data_cache.dataset_folder(args.cache, args.leads, args.days, SEED, END_DATE)
    if summary := data_cache.cached_summary(folder):
        print(f"[bench] generate: cached in {folder}", flush=True)
        return folder, {"stage": "generate", "cached": True, **summary}
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    command = [
        str(BIN / "lead-scoring"),
        "generate",
        "--out",
        str(partial),
        "--gzip",
        "--leads",
        str(args.leads),
        "--days",
        str(args.days),
        "--seed",
        str(SEED),
        "--end-date",
        END_DATE,
    ]
    result = measure("generate", command, env)
    shutil.rmtree(folder, ignore_errors=True)  # an incomplete one (no summary) is never reused
    partial.rename(folder)
    data_cache.keep(folder, {k: v for k, v in result.items() if k not in ("stage", "out")})
    return folder, {**result, "cached": False}


def run_stages(args: argparse.Namespace, env: dict) -> list[dict]:
    from lead_scoring.demo import sandbox_process

    data, generated = dataset(args, env)
    work, landing = args.work, args.work / "landing"
    data_cache.link_landing(data, landing, but_day=END_DATE)
    results = [generated]

    def run(name: str, command: list[str], stage_env: dict = env) -> None:
        results.append(measure(name, command, stage_env))

    before = f"{END_DATE}T00:00:00"
    after = f"{date.fromisoformat(END_DATE) + timedelta(days=1)}T00:00:00"  # a day boundary
    run(names.INGEST_CRM, stage("ingest-crm", work))
    run(names.INGEST_EVENTS, stage("ingest-events", work))
    run(names.FLOOR, stage("bare-aggregation", work))
    run(names.FULL, dbt("--full-refresh"), as_of(env, before))
    # full refresh: rebuilt from staging, as after a rule change; incremental ones would no-op
    run(
        names.SCORES, dbt("--full-refresh", "--select", "intermediate", "marts"), as_of(env, before)
    )
    limit = ("--rate-limit-per-second", str(args.rate_limit))
    with sandbox_process(work / "crm.sqlite", landing / "crm", 0, limit, 1800) as url:
        sync_env = {**env, "BENCH_CRM_URL": url, "BENCH_CRM_RATE_LIMIT": str(args.rate_limit)}
        # every score, then once more with nothing changed
        run(names.SYNC, stage("sync", work, "full", "again"), sync_env)
        day = [str(path) for path in data_cache.land_day(data, landing, END_DATE)]
        run(names.INGEST_DAY, stage("ingest-events", work))
        run(names.NIGHTLY_DBT, dbt(), as_of(env, after))
        run(names.NIGHTLY_SYNC, stage("sync", work, "nightly"), sync_env)
    run(names.READ_JSON, stage("read-json-day", work, *day))
    return results


def absolute(text: str) -> Path:
    """Paths from make are relative to the repository; dbt and links need them absolute."""
    return Path(text).absolute()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leads", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--rate-limit", type=float, default=50.0, help="CRM sandbox requests/s")
    parser.add_argument(
        "--work", type=absolute, default=ROOT / "data/bench", help="warehouse, rebuilt every run"
    )
    parser.add_argument(
        "--cache",
        type=absolute,
        default=ROOT / "data/bench-cache",
        help="generated data sets, kept per size",
    )
    parser.add_argument(
        "--out",
        type=absolute,
        default=ROOT / "BENCHMARKS.md",
        help="report; the new section goes on top",
    )
    parser.add_argument("--results", type=absolute, default=ROOT / "bench/results.json")
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    args.cache.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "LEAD_SCORING_DUCKDB": str(args.work / "warehouse.duckdb"),
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "PYTHONUNBUFFERED": "1",
    }
    started = time.perf_counter()
    results = results_of(run_stages(args, env), args, time.perf_counter() - started)
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(results, indent=2) + "\n")
    text = section(results)
    earlier = args.out.read_text().partition("\n\n")[2] if args.out.exists() else ""
    args.out.write_text("# Benchmarks\n\n" + text + "\n" + earlier)
    print(text)
    shutil.rmtree(args.work, ignore_errors=True)  # the warehouse is large; the cache is kept
    return 0


if __name__ == "__main__":
    sys.exit(main())
