"""One blocking Dagster asset check per Great Expectations suite in `expectations/`.

Blocking: an error-severity failure stops every asset downstream of the checked one in the
run (dbt after a raw check; the BI publish and the CRM sync after a mart check) and fails the
run. Warnings are reported and block nothing.
"""

import json
import warnings
from pathlib import Path

import dagster as dg

from lead_scoring import settings
from lead_scoring.defs.resources import Warehouse
from lead_scoring.progress import report
from lead_scoring.quality.suite_check import failures_json, run_suite


def _metadata(suite_file: Path, outcome) -> dict:
    result = outcome.result
    return {
        "suite": suite_file.name,
        "rows_validated": outcome.rows_validated,
        "evaluated": result.evaluated,
        "failed": len(result.failures),
        "failed_errors": len(result.errors),
        "failures": dg.MetadataValue.json(
            json.loads(json.dumps(failures_json(result), default=str))
        ),
        "profile": dg.MetadataValue.json(json.loads(json.dumps(outcome.profile, default=str))),
    }


def _source_off(key_path: list[str]) -> str | None:
    """Why a raw table's suite does not apply this run (its source is switched off), if so."""
    off = settings.source_off(key_path[-1]) if key_path[0] == "raw" else None
    return f"{off}, so there are no records to check" if off else None


def _spark_session():
    """On Spark (LEAD_SCORING_ENGINE=spark) the models' suites read dbt's Spark tables; raw
    tables are the embedded ingest's, in the DuckDB warehouse, on either engine."""
    if settings.current().engine != "spark":
        return None
    from lead_scoring.spark.session import spark_session

    return spark_session()


def _gx_check(suite_file: Path) -> dg.AssetChecksDefinition:
    key_path = suite_file.stem.split(".")  # `marts.lead_scores.json` checks marts/lead_scores

    @dg.asset_check(
        asset=dg.AssetKey(key_path),
        name=f"gx_{key_path[-1]}",
        blocking=True,
        description=f"Great Expectations suite {suite_file.name}; errors block downstream.",
    )
    def _check(context: dg.AssetCheckExecutionContext, warehouse: Warehouse):
        try:
            if off := _source_off(key_path):
                return dg.AssetCheckResult(passed=True, description=off)
            spark = _spark_session() if key_path[0] != "raw" else None
            with warehouse.connect() as con:
                outcome = run_suite(con, suite_file, context.run.run_id, spark=spark)
        except (ValueError, settings.ConfigError) as err:  # a broken suite or setting
            raise dg.Failure(description=str(err)) from err
        # warnings only: a passed check of WARN severity (shown as a warning, never failed)
        warned = outcome.passed and bool(outcome.result.failures)
        word = "failed" if not outcome.passed else "passed with warnings" if warned else "passed"
        report(context, f"check {key_path[-1]}: {word} ({outcome.rows_validated:,} rows)")
        if not outcome.passed:
            context.log.error(outcome.description)
        elif warned:
            context.log.warning(outcome.description)
        return dg.AssetCheckResult(
            passed=outcome.passed,
            severity=dg.AssetCheckSeverity.ERROR
            if not outcome.passed
            else dg.AssetCheckSeverity.WARN,
            description=outcome.description,
            metadata=_metadata(suite_file, outcome),
        )

    return _check


def build_gx_checks(folder: Path, assets: set[dg.AssetKey]) -> list[dg.AssetChecksDefinition]:
    """A check per suite whose asset exists. A suite may land before its model does (another
    branch); it is skipped with a warning, and tests/quality list every suite without an asset."""
    suites = sorted(folder.glob("*.json"))
    for path in suites:
        if dg.AssetKey(path.stem.split(".")) not in assets:
            warnings.warn(f"{path.name}: no asset {path.stem}; its check is left out", stacklevel=2)
    return [_gx_check(p) for p in suites if dg.AssetKey(p.stem.split(".")) in assets]


def build_quality_defs(known_assets: set[dg.AssetKey]) -> dg.Definitions:
    return dg.Definitions(asset_checks=build_gx_checks(settings.EXPECTATIONS_DIR, known_assets))
