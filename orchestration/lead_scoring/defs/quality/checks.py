"""One blocking Dagster asset check per Great Expectations suite in `expectations/`."""

import json
from dataclasses import asdict
from pathlib import Path

import dagster as dg

from lead_scoring import settings
from lead_scoring.defs.resources import Warehouse
from lead_scoring.quality.gx_suites import load_suite_json, validate_frame


def _gx_check(suite_file: Path) -> dg.AssetChecksDefinition:
    key_path = suite_file.stem.split(".")  # `marts.lead_scores.json` checks marts/lead_scores
    table = ".".join(key_path)

    @dg.asset_check(
        asset=dg.AssetKey(key_path),
        name=f"gx_{key_path[-1]}",
        blocking=True,
        description=f"Great Expectations suite {suite_file.name}; errors block downstream.",
    )
    def _check(warehouse: Warehouse) -> dg.AssetCheckResult:
        suite = load_suite_json(suite_file)
        with warehouse.connect() as con:
            frame = con.execute(f"select * from {table}").df()
        result = validate_frame(frame, suite)
        return dg.AssetCheckResult(
            passed=result.success,
            severity=dg.AssetCheckSeverity.ERROR if result.errors else dg.AssetCheckSeverity.WARN,
            metadata={
                "suite": suite_file.name,
                "rows": len(frame),
                "evaluated": result.evaluated,
                "failed": len(result.failures),
                "failed_errors": len(result.errors),
                "failures": dg.MetadataValue.json(
                    json.loads(json.dumps([asdict(f) for f in result.failures], default=str))
                ),
            },
        )

    return _check


def build_gx_checks(folder: Path) -> list[dg.AssetChecksDefinition]:
    return [_gx_check(path) for path in sorted(folder.glob("*.json"))]


defs = dg.Definitions(asset_checks=build_gx_checks(settings.EXPECTATIONS_DIR))
