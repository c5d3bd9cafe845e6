"""One readable line per failed expectation, for the check's description and the run log."""

from lead_scoring.quality.gx_suites import ExpectationFailure, SuiteResult

# what to do about the table-level expectations, by the profile column they look at
FIXES = {
    "row_count": "the table is empty: check the source's landing folder or API",
    "row_count_change": "the row count moved more than LEAD_SCORING_ROW_COUNT_MAX_CHANGE since "
    "the last good run: check the source, or raise the band if the change is expected",
    "newest_age_hours": "the newest record is older than LEAD_SCORING_FRESHNESS_HOURS: check "
    "that the source still delivers",
    "quarantine_rate": "more than LEAD_SCORING_QUARANTINE_MAX_RATE of the records went to "
    "raw._quarantine: see their reasons there",
}


def _line(failure: ExpectationFailure) -> str:
    where = f" on {failure.column}" if failure.column else ""
    text = f"[{failure.severity}] {failure.expectation}{where}"
    if failure.exception:
        return f"{text}: could not run ({failure.exception})"
    if failure.unexpected_count is not None:
        text += f": {failure.unexpected_count} row(s), e.g. {failure.sample[:3]}"
    elif failure.observed is not None:
        text += f": observed {failure.observed}"
    fix = FIXES.get(failure.column or "")
    return f"{text} ({fix})" if fix else text


def describe_failures(asset_key: str, result: SuiteResult) -> str:
    if not result.failures:
        return f"{asset_key}: all {result.evaluated} expectations passed."
    lines = [_line(f) for f in result.failures]
    head = (
        f"{asset_key}: {len(result.errors)} error(s), "
        f"{len(result.failures) - len(result.errors)} warning(s) in {result.evaluated} expectations"
    )
    return "\n".join([head, *lines])
