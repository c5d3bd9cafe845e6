"""What `lead-scoring run` prints at the end: the summary, and the run's failures in words."""

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from lead_scoring import settings
from lead_scoring.ingest.warehouse import connect
from lead_scoring.summary import summarize

CHECK_FAILED_ERROR = "DagsterAssetCheckFailedError"  # told by the check's own line


def summary_lines(run_id: str) -> list[str]:
    try:
        with connect(settings.duckdb_path(), read_only=True) as con:
            if settings.current().engine != "spark":
                return [summarize(con, run_id)]
            with spark_scores() as scores:
                return [summarize(con, run_id, scores)]
    except duckdb.Error as err:  # the run stopped before the marts existed
        return [f"No summary: the warehouse has no scores yet ({str(err).splitlines()[0]})"]


@contextmanager
def spark_scores() -> Iterator[duckdb.DuckDBPyConnection]:
    """LEAD_SCORING_ENGINE=spark: marts.lead_scores from the run's Spark session, in memory."""
    from lead_scoring.spark.arrow_copy import copy_table
    from lead_scoring.spark.session import spark_session

    spark = spark_session()
    if not spark.catalog.tableExists("marts.lead_scores"):
        raise duckdb.CatalogException("Spark has no table marts.lead_scores")
    with duckdb.connect() as scores:
        copy_table(spark, scores, "marts.lead_scores")
        yield scores


def one_line(text: str) -> str:
    return "; ".join(line.strip() for line in text.strip().splitlines() if line.strip())


def failure_lines(result) -> list[str]:
    """One line per failed step (its Failure description or error) and per failed blocking
    check; then how many assets were not materialised because of them."""
    lines = []
    for event in result.all_events:
        if event.is_step_failure:
            data = event.step_failure_data
            if data.error and data.error.cls_name == CHECK_FAILED_ERROR:
                continue
            user = data.user_failure_data
            text = (user.description if user else None) or data.error.message
            lines.append(f"step {event.step_key}: {one_line(text)}")
        elif event.event_type_value == "ASSET_CHECK_EVALUATION":
            check = event.event_specific_data
            if not check.passed and check.severity.value == "ERROR":
                name = f"{check.asset_key.to_user_string()}:{check.check_name}"
                lines.append(f"check {name} failed: {one_line(check.description or 'see the UI')}")
    if lines:
        lines.append(not_materialised(result))
    return lines


def not_materialised(result) -> str:
    planned = set(result.job_def.asset_layer.executable_asset_keys)
    done = {event.asset_key for event in result.get_asset_materialization_events()}
    return (
        f"{len(planned - done)} of {len(planned)} assets were not materialised because of the "
        "failures above (a failed blocking check stops everything downstream of it)"
    )
