"""Connection settings for Zoho CRM (or the local sandbox); secrets never shown.

`ZohoSettings.from_env()` reads the LEAD_SCORING_CRM_* variables through the one settings model
(`lead_scoring.config.model`, where each is declared with its default and meaning). Without
LEAD_SCORING_CRM_API_DOMAIN the client talks to the sandbox with its default credentials; any
other domain needs all three credentials set.
"""

from dataclasses import dataclass, fields, replace
from urllib.parse import urlsplit

from lead_scoring.crm.defaults import (
    SANDBOX_CLIENT_ID,
    SANDBOX_CLIENT_SECRET,
    SANDBOX_REFRESH_TOKEN,
    SANDBOX_URL,
)

SECRET_FIELDS = ("client_secret", "refresh_token")
SANDBOX_CREDENTIALS = {
    "client_id": SANDBOX_CLIENT_ID,
    "client_secret": SANDBOX_CLIENT_SECRET,
    "refresh_token": SANDBOX_REFRESH_TOKEN,
}


@dataclass(frozen=True, repr=False)
class ZohoSettings:
    api_domain: str
    accounts_url: str
    client_id: str
    client_secret: str
    refresh_token: str
    timeout_seconds: float = 30.0
    max_retries: int = 5  # retries after the first attempt
    backoff_base_seconds: float = 1.0  # full jitter: sleep uniform(0, base * 2**retry)
    backoff_max_seconds: float = 60.0
    requests_per_second: float | None = None  # client-side token bucket; None: unlimited
    # batches in flight: to reach the rate limit it needs rate x answer latency, plus one
    max_workers: int = 4

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{f.name}={'***' if f.name in SECRET_FIELDS else repr(getattr(self, f.name))}"
            for f in fields(self)
        )
        return f"ZohoSettings({shown})"

    __str__ = __repr__

    def with_options(self, **changes) -> "ZohoSettings":
        return replace(self, **changes)

    @classmethod
    def for_sandbox(cls, base_url: str = SANDBOX_URL, **options) -> "ZohoSettings":
        """Settings for the local sandbox with its documented default credentials."""
        return cls(
            base_url,
            base_url,
            SANDBOX_CLIENT_ID,
            SANDBOX_CLIENT_SECRET,
            SANDBOX_REFRESH_TOKEN,
            **options,
        )

    @classmethod
    def from_env(cls, environ: dict | None = None) -> "ZohoSettings":
        """LEAD_SCORING_CRM_* from the settings model; missing credentials are an error except
        for a local sandbox (a `lead_scoring.settings.SettingsError`, a ValueError)."""
        from lead_scoring.config.load import load  # the model imports this package's defaults

        s = load(environ)
        local = _is_local(s.crm_api_domain)

        def credential(name: str) -> str:
            value = getattr(s, f"crm_{name}")
            if value is None:
                return SANDBOX_CREDENTIALS[name] if local else ""
            return value if isinstance(value, str) else value.get_secret_value()

        return cls(
            s.crm_api_domain,
            s.crm_accounts_url or s.crm_api_domain,
            **{name: credential(name) for name in SANDBOX_CREDENTIALS},
            timeout_seconds=s.crm_timeout_seconds,
            max_retries=s.crm_max_retries,
            requests_per_second=s.crm_requests_per_second,
            max_workers=s.crm_max_workers,
        )


def _is_local(url: str) -> bool:
    return urlsplit(url).hostname in ("127.0.0.1", "localhost")
