"""What the client hands back: pages of records and per-record write answers."""

from dataclasses import dataclass, field

from lead_scoring.crm.errors import CrmError


@dataclass(frozen=True)
class Page:
    module: str
    number: int  # 1-based, continuing past 2,000 records when fetched by page_token
    records: list[dict]
    more_records: bool
    page_token: str | None  # the token this page was fetched with; None: fetched by number
    info: dict = field(repr=False)
    label: str | None = None  # set by readers whose pages are not numbered (a bulk-read part)

    @property
    def source(self) -> str:
        """Label for load metadata, e.g. 'Leads page 12 (page_token)'."""
        if self.label:
            return self.label
        return f"{self.module} page {self.number}" + (" (page_token)" if self.page_token else "")


@dataclass(frozen=True)
class RecordResult:
    """Zoho's answer for one record: `status` success/error, `code`, `details`..."""

    status: str
    code: str
    message: str
    action: str | None  # insert / update (upsert only)
    id: str | None
    details: dict
    raw: dict = field(repr=False)  # the answer as received, for the sync ledger
    http_status: int | None = None  # of the call that carried this answer (200, 207, 400...)

    @property
    def ok(self) -> bool:
        return self.status == "success"

    @classmethod
    def from_answer(cls, answer: dict, http_status: int | None = None) -> "RecordResult":
        details = answer.get("details") or {}
        return cls(
            status=answer.get("status", ""),
            code=answer.get("code", ""),
            message=answer.get("message", ""),
            action=answer.get("action"),
            id=details.get("id"),
            details=details,
            raw=answer,
            http_status=http_status,
        )


@dataclass
class BatchResult:
    """One batch of a multi-batch write: its answers, or the error that stopped it."""

    index: int
    records: list[dict]
    results: list[RecordResult] = field(default_factory=list)
    error: CrmError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and all(result.ok for result in self.results)
