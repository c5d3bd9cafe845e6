"""Zoho CRM v8: the HTTP client (`ZohoCrmClient`) and, in `sandbox`, a local stand-in server.

No Dagster here: the package is usable and testable on its own.
"""

from lead_scoring.crm.client import ZohoCrmClient
from lead_scoring.crm.credits import CrmCreditBudgetExceeded
from lead_scoring.crm.errors import CrmAuthError, CrmBatchTooLarge, CrmError
from lead_scoring.crm.metrics import CrmMetrics
from lead_scoring.crm.ratelimit import TokenBucket
from lead_scoring.crm.results import BatchResult, Page, RecordResult
from lead_scoring.crm.settings import ZohoSettings

__all__ = [
    "BatchResult",
    "CrmAuthError",
    "CrmBatchTooLarge",
    "CrmCreditBudgetExceeded",
    "CrmError",
    "CrmMetrics",
    "Page",
    "RecordResult",
    "TokenBucket",
    "ZohoCrmClient",
    "ZohoSettings",
]
