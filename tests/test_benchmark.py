"""`make bench LEADS=20000` end to end, the real make target, so the benchmark cannot rot.

Only its bookkeeping is asserted (every figure present, events counted = generated, API calls
against records, the report's shape); the speed targets are measured by `make bench` at scale,
never here. Outputs, cache and warehouse go to tmp_path, never to the committed files.
"""

import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEADS, DAYS = 20_000, 3  # about a minute and a half on the 2-core reference machine
ISSUE_KEYS = (
    "leads",
    "events",
    "floor_s",
    "score_models_s",
    "full_build_s",
    "nightly_s",
    "ingest_day_s",
    "read_json_day_s",
    "peak_rss_mb",
    "sync_calls_per_s",
    "sync_rate_limit_per_s",
)


def _calls(sync_pass: dict) -> int:
    batches = ("records", "handoff_tags", "handoff_tasks")  # 100 to a call
    return sum(-(-sync_pass[kind] // 100) for kind in batches) + sync_pass["http_retries"]


def _bench(tmp_path: Path) -> subprocess.CompletedProcess:
    outputs = {
        "BENCH_OUT": "BENCHMARKS.md",
        "BENCH_RESULTS": "results.json",
        "BENCH_CACHE": "cache",
        "BENCH_WORK": "work",
    }
    variables = [f"{name}={tmp_path / path}" for name, path in outputs.items()]
    return subprocess.run(
        ["make", "bench", f"LEADS={LEADS}", f"DAYS={DAYS}", "RATE_LIMIT=50", *variables],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_make_bench_measures_every_figure_and_reports_the_targets(tmp_path):
    (tmp_path / "BENCHMARKS.md").write_text("# Benchmarks\n\n## an earlier run\n")
    done = _bench(tmp_path)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]

    results = json.loads((tmp_path / "results.json").read_text())
    for key in ISSUE_KEYS:
        assert results[key] > 0, key
    assert results["leads"] == LEADS
    assert results["events"] == results["generated_events"]
    assert 0 < results["new_day_events"] < results["events"]
    assert results["machine"] and results["date"]
    assert results["command"] == f"make bench LEADS={LEADS} DAYS={DAYS} RATE_LIMIT=50"
    for stage in results["stages"]:
        assert f"[bench] {stage['stage']}" in done.stdout  # progress of every stage
        assert stage["wall"] > 0 and stage["peak_mb"] > 0, stage
    sync = next(s for s in results["stages"] if s["stage"].startswith("sync every score"))
    assert sync["full"]["records"] == LEADS
    assert sync["full"]["api_calls"] == _calls(sync["full"])
    assert sync["again"]["api_calls"] == 0
    nightly = next(s for s in results["stages"] if s["stage"] == "nightly: sync the changes")
    assert 0 < nightly["nightly"]["records"] < LEADS  # only what changed
    assert nightly["nightly"]["api_calls"] == _calls(nightly["nightly"])
    models = results["models"]
    assert "lead_scores" in models["full_build"] and "lead_scores" in models["nightly_build"]

    report = (tmp_path / "BENCHMARKS.md").read_text()
    assert report.index(f"{LEADS:,} leads, {DAYS} days") < report.index("## an earlier run")
    assert f"`{results['command']}`" in report and f"- machine: {results['machine']}" in report
    section = report.split("## an earlier run")[0]
    targets = [line for line in section.splitlines() if line.endswith(("| yes |", "| **no** |"))]
    assert len(targets) == 7
    assert sum(line.startswith("| lead_scores |") for line in section.splitlines()) == 1

    cached = list((tmp_path / "cache").glob("*/summary.json"))
    assert len(cached) == 1 and not results["generation_cached"]
    assert not (tmp_path / "work").exists()  # the warehouse is rebuilt each run
