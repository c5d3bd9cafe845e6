"""What `dbt build` tells Dagster, passed on with progress lines: models done of total, and
the tests' outcome. A test that only warns (dbt severity `warn`) is a passed check of WARN
severity: the UI shows it as a warning, never as a failure."""

from collections.abc import Iterable, Iterator

import dagster as dg

from lead_scoring.progress import Every, report


def dbt_progress(context: dg.AssetExecutionContext, events: Iterable) -> Iterator:
    total = len(context.selected_asset_keys)
    every = Every(total)
    built = 0
    tests = {"passed": 0, "warned": 0, "failed": 0}
    report(context, f"dbt: building {total} models and seeds, then their tests")
    for event in events:
        if isinstance(event, dg.Output | dg.AssetMaterialization):
            built += 1
            if every.crossed(built):
                report(context, f"dbt: {built} of {total} models and seeds done")
        elif isinstance(event, dg.AssetCheckResult):
            event = warning_as_passed(event)
            outcome = "warned" if event.severity == dg.AssetCheckSeverity.WARN else "passed"
            tests[outcome if event.passed else "failed"] += 1
        yield event
    report(context, "dbt: tests " + ", ".join(f"{n} {word}" for word, n in tests.items()))


def warning_as_passed(result: dg.AssetCheckResult) -> dg.AssetCheckResult:
    if result.passed or result.severity != dg.AssetCheckSeverity.WARN:
        return result
    return dg.AssetCheckResult(
        passed=True,
        asset_key=result.asset_key,
        check_name=result.check_name,
        severity=dg.AssetCheckSeverity.WARN,
        description=f"warning: {result.description or 'dbt test warned'}",
        metadata={**result.metadata, "warned": True},
    )
