"""Errors the CRM client raises. Messages name the endpoint and status, never a credential."""


class CrmError(Exception):
    """A CRM call failed: `endpoint` ("POST /crm/v8/Leads/upsert"), last `status`, Zoho `code`."""

    def __init__(
        self,
        message: str,
        *,
        endpoint: str | None = None,
        status: int | None = None,
        code: str | None = None,
    ):
        super().__init__(message)
        self.endpoint = endpoint
        self.status = status
        self.code = code


class CrmAuthError(CrmError):
    """The token endpoint refused the credentials, or the API refused a fresh token."""


class CrmBatchTooLarge(CrmError, ValueError):
    """More records in one call than Zoho accepts (100)."""
