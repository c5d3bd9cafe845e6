"""Errors a user can cause while loading sources: each message says what, where, and the fix.

Nothing from a load that raises one of these is kept (each load is one transaction), so
re-running after the fix is always safe.
"""


class IngestError(Exception):
    """A load stopped; `str(error)` is the whole message a user needs."""

    def __init__(self, what: str, where: str, fix: str):
        super().__init__(f"{what} ({where}). {fix}")
        self.what, self.where, self.fix = what, where, fix


class SchemaDriftError(IngestError):
    """A source field the raw contract needs disappeared or changed type in every record."""


class SourceReadError(IngestError):
    """The source could not be read at all (CRM unreachable, a page that keeps failing)."""


NOTHING_KEPT = "Nothing from this load was kept; re-run once it is fixed."


def drift_error(
    table: str, field: str, expected: str, problem: str, where: str
) -> SchemaDriftError:
    return SchemaDriftError(
        f"{table}: source field {field!r} {problem}; the raw contract expects {expected}",
        where,
        "If the source renamed or retyped the field, update the raw contract in "
        f"orchestration/lead_scoring/ingest/contracts.py (and the staging model). {NOTHING_KEPT}",
    )
