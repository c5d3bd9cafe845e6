"""Run a Great Expectations 1.x suite (JSON in `expectations/`) on a pandas frame.

GX over DuckDB through SQLAlchemy is broken upstream, so suites validate frames read from
DuckDB. GX never raises on a failed expectation: callers read `SuiteResult.success`.
Each expectation may set `meta.severity` to `warn`; every other failure is an error.
"""

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

SAMPLE_SIZE = 10


@dataclass(frozen=True)
class ExpectationFailure:
    expectation: str
    column: str | None
    severity: str  # error | warn
    unexpected_count: int | None
    sample: list  # a few failing values
    exception: str | None = None


@dataclass(frozen=True)
class SuiteResult:
    suite: str
    evaluated: int
    failures: list[ExpectationFailure] = field(default_factory=list)

    @property
    def errors(self) -> list[ExpectationFailure]:
        return [f for f in self.failures if f.severity == "error"]

    @property
    def success(self) -> bool:
        return not self.errors


def suite_path_for(asset_key_path: list[str], folder: Path) -> Path:
    """Suites are named after the asset key: `marts.lead_scores.json`."""
    return folder / (".".join(asset_key_path) + ".json")


def load_suite_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError as err:
        raise ValueError(f"expectation suite {path} is not valid JSON: {err}") from err


def validate_frame(frame: pd.DataFrame, suite_json: dict) -> SuiteResult:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")  # no network
    import great_expectations as gx  # slow import: only when a suite runs

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = gx.data_context.types.base.ProgressBarsConfig(globally=False)
    suite = gx.ExpectationSuite(**suite_json)
    asset = context.data_sources.add_pandas("warehouse").add_dataframe_asset(suite.name)
    batch = asset.add_batch_definition_whole_dataframe("whole").get_batch(
        batch_parameters={"dataframe": frame}
    )
    result = batch.validate(suite)
    failures = [_failure(r) for r in result.results if not r.success]
    return SuiteResult(suite=suite.name, evaluated=len(result.results), failures=failures)


def _failure(result) -> ExpectationFailure:
    config = result.expectation_config
    details = result.result or {}
    return ExpectationFailure(
        expectation=config.type,
        column=config.kwargs.get("column"),
        severity=(config.meta or {}).get("severity", "error"),
        unexpected_count=details.get("unexpected_count"),
        sample=list(details.get("partial_unexpected_list") or [])[:SAMPLE_SIZE],
        exception=_exception_message(result.exception_info or {}),
    )


def _exception_message(info: dict) -> str | None:
    """GX nests exception info per metric when an expectation needs several metrics."""
    infos = [info] if "raised_exception" in info else list(info.values())
    messages = [i.get("exception_message") for i in infos if i.get("raised_exception")]
    return messages[0] if messages else None
