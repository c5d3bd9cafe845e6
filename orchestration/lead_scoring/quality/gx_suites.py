"""Run a Great Expectations 1.x suite (JSON in `expectations/`) on a pandas or Spark frame.

GX over DuckDB through SQLAlchemy is broken upstream, so suites validate frames read from
DuckDB. GX never raises on a failed expectation: callers read `SuiteResult.success`.
An expectation's GX `severity` `warning` or `info` (or `meta.severity: warn`) makes its failure
a warning; every other failure is an error. Values may be `{"$PARAMETER": name}` placeholders,
filled at validation time. A suite file may list `meta.table_expectations`: expectations on a
one-row profile of the table (row_count, row_count_change, newest_age_hours, quarantine_rate).
"""

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

SAMPLE_SIZE = 10
WARNING_SEVERITIES = ("warning", "info", "warn")
COLUMN_KWARGS = ("column", "column_A", "column_B")


@dataclass(frozen=True)
class ExpectationFailure:
    expectation: str
    column: str | None
    severity: str  # error | warn
    unexpected_count: int | None
    sample: list  # a few failing values
    exception: str | None = None
    observed: object = None  # what a table-level expectation saw


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

    def merged(self, other: "SuiteResult") -> "SuiteResult":
        return SuiteResult(
            self.suite, self.evaluated + other.evaluated, self.failures + other.failures
        )


def suite_path_for(asset_key_path: list[str], folder: Path) -> Path:
    """Suites are named after the asset key: `marts.lead_scores.json`."""
    return folder / (".".join(asset_key_path) + ".json")


def load_suite_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError as err:
        raise ValueError(
            f"expectation suite {path} is not valid JSON: {err}. Fix the file (it must be a "
            'GX suite: {"name", "expectations": [...]}).'
        ) from err


def table_suite_json(suite_json: dict) -> dict:
    """The suite's table-level part, as a suite of its own."""
    expectations = (suite_json.get("meta") or {}).get("table_expectations", [])
    return {"name": suite_json.get("name", "suite") + ".table", "expectations": expectations}


def _walk(value):
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


def parameter_names(suite_json: dict) -> set[str]:
    """Every `{"$PARAMETER": name}` in the suite's (and its table part's) kwargs."""
    kwargs = [e.get("kwargs", {}) for e in suite_json.get("expectations", [])]
    kwargs += [e.get("kwargs", {}) for e in table_suite_json(suite_json)["expectations"]]
    return {d["$PARAMETER"] for d in _walk(kwargs) if "$PARAMETER" in d}


def referenced_columns(suite_json: dict) -> list[str]:
    """The columns the suite's record expectations name, in order of first mention."""
    names: list[str] = []
    for expectation in suite_json.get("expectations", []):
        kwargs = expectation.get("kwargs", {})
        found = [kwargs[k] for k in COLUMN_KWARGS if k in kwargs]
        found += kwargs.get("column_list", [])
        names += [n for n in found if n not in names]
    return names


def _build_suite(suite_json: dict):
    import great_expectations as gx  # slow import: only when a suite runs

    expectations = suite_json.get("expectations", [])
    try:
        suite = gx.ExpectationSuite(name=suite_json.get("name", "suite"), expectations=expectations)
    except Exception as err:  # GX validates each expectation's kwargs
        raise ValueError(f"expectation suite {suite_json.get('name')}: {err}") from err
    if len(suite.expectations) != len(expectations):  # GX drops unknown types with a log line
        known = {e.expectation_type for e in suite.expectations}
        unknown = sorted({e.get("type") for e in expectations} - known)
        raise ValueError(
            f"expectation suite {suite_json.get('name')}: unknown expectation type(s) "
            f"{', '.join(map(str, unknown))}; see https://greatexpectations.io/expectations/"
        )
    return gx, suite


def validate_frame(frame, suite_json: dict, parameters: dict | None = None) -> SuiteResult:
    """`frame`: a pandas DataFrame, or a Spark DataFrame (GX's Spark datasource validates it
    on Spark: LEAD_SCORING_ENGINE=spark)."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")  # no network
    gx, suite = _build_suite(suite_json)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = gx.data_context.types.base.ProgressBarsConfig(globally=False)
    sources = context.data_sources
    source = (
        sources.add_pandas("warehouse")
        if isinstance(frame, pd.DataFrame)
        else sources.add_spark("warehouse")
    )
    asset = source.add_dataframe_asset(suite.name)
    batch = asset.add_batch_definition_whole_dataframe("whole").get_batch(
        batch_parameters={"dataframe": frame}
    )
    result = batch.validate(suite, expectation_parameters=parameters or {})
    failures = [_failure(r) for r in result.results if not r.success]
    return SuiteResult(suite=suite.name, evaluated=len(result.results), failures=failures)


def _severity(config) -> str:
    native = getattr(config, "severity", None)
    native = getattr(native, "value", native)
    meta = (config.meta or {}).get("severity")
    return "warn" if native in WARNING_SEVERITIES or meta in WARNING_SEVERITIES else "error"


def _failure(result) -> ExpectationFailure:
    config = result.expectation_config
    details = result.result or {}
    return ExpectationFailure(
        expectation=config.type,
        column=config.kwargs.get("column"),
        severity=_severity(config),
        unexpected_count=details.get("unexpected_count"),
        sample=list(details.get("partial_unexpected_list") or [])[:SAMPLE_SIZE],
        exception=_exception_message(result.exception_info or {}),
        observed=details.get("observed_value"),
    )


def _exception_message(info: dict) -> str | None:
    """GX nests exception info per metric when an expectation needs several metrics."""
    infos = [info] if "raised_exception" in info else list(info.values())
    messages = [i.get("exception_message") for i in infos if i.get("raised_exception")]
    return messages[0] if messages else None
