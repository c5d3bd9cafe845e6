"""What `lead-scoring run` prints at the end: the summary, and the run's failures in words."""

import duckdb

from lead_scoring import settings
from lead_scoring.ingest.warehouse import connect
from lead_scoring.summary import summarize


def summary_lines(run_id: str) -> list[str]:
    try:
        with connect(settings.duckdb_path(), read_only=True) as con:
            return [summarize(con, run_id)]
    except duckdb.Error as err:  # the run stopped before the marts existed
        return [f"No summary: the warehouse has no scores yet ({str(err).splitlines()[0]})"]


def failure_lines(result) -> list[str]:
    """One line per failed step (its Failure description or the error's first line) and per
    failed blocking check; then how many steps did not run because of them."""
    lines = []
    for event in result.all_events:
        if event.is_step_failure:
            data = event.step_failure_data
            user = data.user_failure_data
            text = (user.description if user else None) or data.error.message
            lines.append(f"step {event.step_key}: {text.strip().splitlines()[0]}")
        elif event.event_type_value == "ASSET_CHECK_EVALUATION":
            check = event.event_specific_data
            if not check.passed and check.severity.value == "ERROR":
                name = f"{check.asset_key.to_user_string()}:{check.check_name}"
                lines.append(f"check {name} failed: {check.description or 'see the UI'}")
    skipped = sum(1 for event in result.all_events if event.is_step_skipped)
    if lines and skipped:
        lines.append(f"{skipped} steps did not run because of the failures above")
    return lines
