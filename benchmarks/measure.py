"""One bench stage in a fresh process: its wall time, its peak RSS and the figures it prints.

The child's output is passed through as it comes (dbt's model lines, the generator's progress),
so a long stage shows progress; its last JSON line is the stage's own figures.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUN_RESULTS = ROOT / "dbt_project/target/run_results.json"
# Runs the stage as its child, so RUSAGE_CHILDREN is the stage's peak RSS alone.
WRAPPER = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
rc = subprocess.run(sys.argv[1:]).returncode
print("BENCH " + json.dumps({"rc": rc, "wall": time.perf_counter() - started,
      "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}), flush=True)
"""


def measure(name: str, command: list[str], env: dict) -> dict:
    """Run one stage; {stage, its own figures..., wall, peak_mb} (+ dbt's timings for dbt)."""
    print(f"[bench] {name} ...", flush=True)
    inner, outer, tail = {}, {}, []
    with subprocess.Popen(
        [sys.executable, "-c", WRAPPER, *command],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        for line in child.stdout:
            if line.startswith("BENCH "):
                outer = json.loads(line.removeprefix("BENCH "))
            elif line.startswith("{"):
                inner = json.loads(line)
            else:
                print(f"    {line}", end="", flush=True)
                tail = [*tail[-40:], line]
    if outer.get("rc") != 0:
        raise SystemExit(f"[bench] {name} failed (exit {outer.get('rc')}):\n{''.join(tail)}")
    result = {"stage": name, **inner, "wall": outer["wall"], "peak_mb": outer["peak_mb"]}
    if Path(command[0]).name == "dbt":
        result.update(dbt_timings(json.loads(RUN_RESULTS.read_text())))
    print(f"[bench] {name}: {result['wall']:.1f} s, peak {result['peak_mb']:.0f} MB", flush=True)
    return result


def dbt_timings(run_results: dict) -> dict:
    """What dbt spent on the models and tests (its start-up aside), and each model's seconds."""
    models, tests = {}, []
    for node in run_results["results"]:
        kind, *_, name = node["unique_id"].split(".")
        if kind == "model":
            models[name] = node["execution_time"]
        elif kind == "test":
            tests.append(node["execution_time"])
    return {
        "dbt_elapsed": run_results["elapsed_time"],
        "models": models,
        "tests": len(tests),
        "tests_s": sum(tests),
    }
