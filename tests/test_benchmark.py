"""`make bench` end to end on a tiny data set, so the benchmark keeps working as the code moves.

Only its bookkeeping is asserted (every stage ran, call counts, the report's shape); the speed
targets themselves are measured at scale by `make bench`, not here.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_runs_every_stage_and_reports_the_targets(tmp_path):
    out = tmp_path / "BENCHMARKS.md"
    out.write_text("# Benchmarks\n\n## an earlier run\n")
    done = subprocess.run(
        [sys.executable, "benchmarks/run.py", "--leads", "300", "--days", "3",
         "--rate-limit", "20", "--work", str(tmp_path / "work"), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]

    report = out.read_text()
    assert report.index("300 leads, 3 days") < report.index("## an earlier run")  # newest first
    assert "`make bench LEADS=300 DAYS=3 RATE_LIMIT=20`" in report
    rows = {
        line.split("|")[1].strip(): [cell.strip() for cell in line.split("|")[2:-1]]
        for line in report.splitlines()
        if line.startswith("| ") and not line.startswith("| stage")
    }
    for stage in ("generate", "ingest CRM leads", "incremental: dbt build",
                  "reverse ETL to the sandbox"):  # fmt: skip
        assert float(rows[stage][0]) > 0, stage
    for stage in ("dbt build, full (staging + scores + tests)", "incremental: dbt build"):
        assert 0 < float(rows[stage][1]) < float(rows[stage][0]), stage  # start-up aside
    assert rows["API calls = ceil(records / 100) plus retries"][1] == "yes"
    assert rows["zero calls when nothing changed"] == ["0 calls", "yes"]
    assert "/s of 20/s" in rows["throughput >= 90% of the CRM rate limit"][0]
    assert not (tmp_path / "work").exists()  # the generated data is removed
