"""Score quality of `lead-scoring fit` on generated data (docs/scoring.md, "Measured").

    python benchmarks/fit_quality.py --leads 2000 --work /tmp/fit-2k

Generates the leads (the generator's outcomes: reps' dispositions and deal outcomes in the CRM
records), loads them into the raw tables as the tests do, builds the dbt project with the
lesson profile, then fits. Prints the fit's progress and one JSON line: the holdout AUC of the
current points, the proposed points and the plain logistic regression, their ratio, the split
and the seconds of the build and of the fit.
"""

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the tests' loader of generated data

from lead_scoring.tuning.fit import FitOptions, fit_profile  # noqa: E402
from lead_scoring.tuning.points import DOUBLING_POINTS  # noqa: E402
from tests.dbt.dbt_helpers import PROJECT, run_dbt, vars_arg  # noqa: E402
from tests.dbt.generated_data import generate_into  # noqa: E402

END_DATE = date(2026, 11, 19)
SCORE_AS_OF = "2026-11-20T00:00:00"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, required=True)
    parser.add_argument("--work", type=Path, required=True, help="an empty folder to work in")
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    warehouse = generate_into(args.work, args.leads, args.days, args.seed, END_DATE)
    built = run_dbt(
        ["build", "--exclude-resource-type", "unit_test", *vars_arg(SCORE_AS_OF)],
        warehouse,
        args.work,
    )
    if built.returncode != 0:
        print(built.stdout[-3000:])
        return 1
    prepared = time.perf_counter()
    report = fit_profile(
        warehouse,
        PROJECT / "profiles" / "lesson",
        args.work / "fit",
        FitOptions(),
        lambda line: print(f"fit {line}", flush=True),
    )
    aucs = report["holdout_auc"]
    figures = {
        "leads": args.leads,
        "days": args.days,
        "seed": args.seed,
        "end_date": END_DATE.isoformat(),
        "scale": f"{DOUBLING_POINTS} points double the odds",
        **aucs,
        "proposed_over_logistic_regression": round(
            aucs["proposed_points"] / aucs["logistic_regression"], 4
        ),
        "split": report["split"],
        "regularisation_strength": report["regularisation_strength"],
        "seconds_generate_and_build": round(prepared - started),
        "seconds_fit": round(time.perf_counter() - prepared),
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
