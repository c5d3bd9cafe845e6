"""One data check: a suite from `expectations/` run on its table, with history kept.

Dagster-free, so it can be tested alone; `defs/quality/checks.py` turns the outcome into an
asset check result. Record expectations run on the rows (`frames.read_frame`), table
expectations on a one-row profile: row count, its change since the last passed check,
age of the newest record (raw), quarantine rate of the covered loads (raw).
"""

from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb
import pandas as pd

from lead_scoring.ingest.warehouse import table_columns
from lead_scoring.quality import check_history, frames, spark_frames
from lead_scoring.quality.describe import describe_failures
from lead_scoring.quality.gx_suites import (
    SuiteResult,
    load_suite_json,
    parameter_names,
    referenced_columns,
    table_suite_json,
    validate_frame,
)
from lead_scoring.quality.parameters import parameters_for, scoring_time


@dataclass(frozen=True)
class CheckOutcome:
    passed: bool  # no error-severity failure
    result: SuiteResult
    profile: dict
    rows_validated: int
    description: str


def _columns(suite: Path, suite_json: dict, where: str, have: list[str]) -> list[str]:
    """The suite's columns, after checking that its table (`where`, with `have`) holds them."""
    if not have:
        raise ValueError(f"expectation suite {suite.name}: table {where} does not exist")
    wanted = referenced_columns(suite_json)
    missing = [c for c in wanted if c not in have]
    if missing:
        raise ValueError(
            f"expectation suite {suite}: column(s) {', '.join(missing)} not in {where} "
            f"(it has {', '.join(have)}). Fix the suite or the model."
        )
    return wanted


def _duckdb_columns(con, schema: str, table: str, suite_json: dict, suite: Path) -> list[str]:
    have = table_columns(con, schema, table)
    if have and schema == "raw":
        have += list(frames.RAW_DERIVED.get(table, {}))
    return _columns(suite, suite_json, f"{schema}.{table}", have)


def _profile(con, schema: str, table: str, baseline, loads) -> dict:
    rows = frames.row_count(con, schema, table)
    change = None
    if baseline and baseline.row_count:
        change = (rows - baseline.row_count) / baseline.row_count
    profile = {"row_count": rows, "row_count_change": change}
    if schema == "raw":
        profile["newest_age_hours"] = frames.newest_age_hours(con, table, scoring_time())
        profile["quarantine_rate"] = loads.quarantine_rate
        profile["records_read"] = loads.records_read
    return profile


def run_suite(con: duckdb.DuckDBPyConnection, suite: Path, run_id: str, spark=None) -> CheckOutcome:
    """Validate the table named by the suite's file name (`raw.web_events.json`). With a Spark
    session, a model (not a raw table) is read from Spark; the history stays in `con`."""
    schema, table = suite.stem.split(".", 1)
    if spark is not None and schema != "raw":
        return _run_suite_on_spark(con, spark, suite, run_id)
    suite_json = load_suite_json(suite)
    check_history.ensure_history(con)
    baseline = check_history.last_passed(con, suite.stem)
    after = baseline.loads_until if baseline else None
    loads = frames.loads_since(con, table, after) if schema == "raw" else None
    columns = _duckdb_columns(con, schema, table, suite_json, suite)
    frame = frames.read_frame(con, schema, table, columns, loads)
    profile = _profile(con, schema, table, baseline, loads)
    parameters = parameters_for(con, parameter_names(suite_json), suite.name)
    result = validate_frame(frame, suite_json, parameters).merged(
        validate_frame(pd.DataFrame([profile]), table_suite_json(suite_json), parameters)
    )
    until = loads.until if loads else None
    check_history.record_check(con, suite.stem, run_id, result.success, profile["row_count"], until)
    return CheckOutcome(
        passed=result.success,
        result=result,
        profile={**profile, "parameters": {k: str(v) for k, v in parameters.items()}},
        rows_validated=len(frame),
        description=describe_failures(suite.stem, result),
    )


def _run_suite_on_spark(con, spark, suite: Path, run_id: str) -> CheckOutcome:
    """The same suite on a model dbt built on Spark: GX validates the Spark DataFrame."""
    schema, table = suite.stem.split(".", 1)
    suite_json = load_suite_json(suite)
    check_history.ensure_history(con)
    baseline = check_history.last_passed(con, suite.stem)
    have = spark_frames.table_columns(spark, schema, table)
    columns = _columns(suite, suite_json, f"{schema}.{table} on Spark", have)
    frame = spark_frames.read_frame(spark, schema, table, columns)
    rows = spark_frames.row_count(spark, schema, table)
    change = (
        (rows - baseline.row_count) / baseline.row_count
        if baseline and baseline.row_count
        else None
    )
    profile = {"row_count": rows, "row_count_change": change}
    names = parameter_names(suite_json)
    with spark_frames.seeds_connection(spark, names) as seeds:
        parameters = parameters_for(seeds, names, suite.name)
    result = validate_frame(frame, suite_json, parameters).merged(
        validate_frame(pd.DataFrame([profile]), table_suite_json(suite_json), parameters)
    )
    check_history.record_check(con, suite.stem, run_id, result.success, rows, None)
    return CheckOutcome(
        passed=result.success,
        result=result,
        profile={**profile, "parameters": {k: str(v) for k, v in parameters.items()}},
        rows_validated=frame.count(),
        description=describe_failures(suite.stem, result),
    )


def failures_json(result: SuiteResult) -> list[dict]:
    return [asdict(f) for f in result.failures]
