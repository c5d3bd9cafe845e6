"""API credits: what each call costs in Zoho's pricing, counted per run, and a daily budget.

Zoho meters credits per org over a rolling 24 hours (the edition sets the allowance). Costs
below follow Zoho's API Limits page: most calls 1 credit; inserts, updates and upserts 1 credit
per 10 records; creating a bulk-read job 50 credits. Token refreshes cost none. The meter
refuses a call *before* it would pass the allowance (the daily budget less the credits the
pipeline already used in the last 24 hours), so a run stops between whole calls: a read stops
before landing anything, a sync between whole, ledgered batches.
"""

import math
import threading

from lead_scoring.crm.errors import CrmError

BULK_READ_JOB = 50
RECORDS_PER_WRITE_CREDIT = 10


class CrmCreditBudgetExceeded(CrmError):
    """The next call would pass LEAD_SCORING_CRM_DAILY_CREDIT_BUDGET; nothing was sent."""


def call_credits(method: str, path: str, json: dict | None) -> int:
    """Credits Zoho charges for one call."""
    if path.rstrip("/") == "/crm/bulk/v8/read" and method == "POST":
        return BULK_READ_JOB
    parts = path.strip("/").split("/")  # crm, v8, module[, upsert]
    is_records = parts[:2] == ["crm", "v8"] and (len(parts) == 3 or parts[3:] == ["upsert"])
    if is_records and method in ("POST", "PUT") and isinstance(json, dict):
        count = len(json.get("data") or [])
        return max(1, math.ceil(count / RECORDS_PER_WRITE_CREDIT))
    return 1


def write_credits(records: int, batch_size: int = 100) -> int:
    """Credits to write `records` in batches of `batch_size` (for a check before sending)."""
    full, rest = divmod(records, batch_size)
    per_batch = math.ceil(batch_size / RECORDS_PER_WRITE_CREDIT)
    return full * per_batch + math.ceil(rest / RECORDS_PER_WRITE_CREDIT)


class CreditMeter:
    """Credits this client used; `allowance` is what it may still use (None: no budget)."""

    def __init__(self, allowance: int | None = None):
        self.allowance = allowance
        self.used = 0
        self._lock = threading.Lock()

    def charge(self, endpoint: str, credits: int) -> None:
        """Count a call's credits, or refuse it (raising) when they would pass the allowance."""
        with self._lock:
            if self.allowance is not None and self.used + credits > self.allowance:
                raise CrmCreditBudgetExceeded(
                    f"{endpoint} would cost {credits} API credit(s) and pass the daily budget "
                    f"(LEAD_SCORING_CRM_DAILY_CREDIT_BUDGET: {self.allowance} left for this "
                    f"run, {self.used} used); nothing was sent. Raise the budget or wait for "
                    "the 24-hour window to free credits, then re-run.",
                    endpoint=endpoint,
                    code="CREDIT_BUDGET",
                )
            self.used += credits

    def ensure(self, what: str, credits: int) -> None:
        """Refuse up front when `credits` more would not fit (before a multi-call step)."""
        with self._lock:
            if self.allowance is not None and self.used + credits > self.allowance:
                raise CrmCreditBudgetExceeded(
                    f"{what} needs about {credits} API credits; the daily budget "
                    f"(LEAD_SCORING_CRM_DAILY_CREDIT_BUDGET) leaves {self.allowance - self.used}"
                    " for this run; nothing was sent. Raise the budget or wait, then re-run.",
                    code="CREDIT_BUDGET",
                )
