"""Connection settings for Zoho CRM (or the local sandbox); secrets never shown.

From the environment (`ZohoSettings.from_env()`), all optional for the demo: without
LEAD_SCORING_CRM_API_DOMAIN the client talks to the sandbox with its default credentials.

| variable | meaning | default |
|---|---|---|
| LEAD_SCORING_CRM_DATA_CENTER | com, eu, in, com.au, jp, ca, sa, uk, com.cn | none |
| LEAD_SCORING_CRM_API_DOMAIN | API base, e.g. https://www.zohoapis.com | DC's / sandbox |
| LEAD_SCORING_CRM_ACCOUNTS_URL | token endpoint, e.g. https://accounts.zoho.com | DC's / API |
| LEAD_SCORING_CRM_CLIENT_ID, _CLIENT_SECRET, _REFRESH_TOKEN | OAuth client | sandbox's* |
| LEAD_SCORING_CRM_REQUESTS_PER_SECOND | client-side rate limit | none |
| LEAD_SCORING_CRM_MAX_WORKERS | batches in flight (Zoho allows 5-25 per org and app) | 4 |
| LEAD_SCORING_CRM_MAX_RETRIES | retries on 429 / 5xx / timeouts | 5 |
| LEAD_SCORING_CRM_TIMEOUT_SECONDS | per request | 30 |
| LEAD_SCORING_CRM_WRITE_TRIGGERS | `trigger` on writes: workflow, approval, blueprint | none |
| LEAD_SCORING_CRM_BULK_READ_THRESHOLD | larger reads use the Bulk Read API | 10000 |
| LEAD_SCORING_CRM_DAILY_CREDIT_BUDGET | API credits per 24 h; a run stops before | none |

* only for an API domain on 127.0.0.1 / localhost; any other domain needs all three set.
DC: the data centre's host (see `data_centers.py`).
The `api_domain` in the token answer wins over the configured API domain (Zoho's advice).
"""

import os
from dataclasses import dataclass, fields, replace
from urllib.parse import urlsplit

from lead_scoring.crm.data_centers import data_center_urls
from lead_scoring.crm.defaults import (
    ENV_PREFIX,
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
    # Zoho's `trigger` on every write: () runs no workflow, approval or blueprint
    write_triggers: tuple[str, ...] = ()
    # reads of more records than this go through the Bulk Read API (one job: 50 credits)
    bulk_read_threshold: int = 10_000
    daily_credit_budget: int | None = None  # None: no budget

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
        """Read LEAD_SCORING_CRM_*; missing credentials are an error except for a local sandbox."""
        env = os.environ if environ is None else environ

        def get(name: str, default=None):
            return env.get(ENV_PREFIX + name) or default

        center = get("DATA_CENTER")
        center_accounts, center_api = (
            data_center_urls(center, f"{ENV_PREFIX}DATA_CENTER") if center else (None, None)
        )
        api_domain = get("API_DOMAIN", center_api or SANDBOX_URL).rstrip("/")
        local = urlsplit(api_domain).hostname in ("127.0.0.1", "localhost")
        credentials = {}
        for name, sandbox_value in SANDBOX_CREDENTIALS.items():
            credentials[name] = get(name.upper(), sandbox_value if local else None)
            if not credentials[name]:
                raise ValueError(f"{ENV_PREFIX}{name.upper()} is required for {api_domain}")
        rate = get("REQUESTS_PER_SECOND")
        budget = get("DAILY_CREDIT_BUDGET")
        return cls(
            api_domain,
            get("ACCOUNTS_URL", center_accounts or api_domain).rstrip("/"),
            **credentials,
            timeout_seconds=float(get("TIMEOUT_SECONDS", 30)),
            max_retries=int(get("MAX_RETRIES", 5)),
            requests_per_second=float(rate) if rate else None,
            max_workers=int(get("MAX_WORKERS", 4)),
            write_triggers=parse_triggers(get("WRITE_TRIGGERS", "")),
            bulk_read_threshold=parse_bulk_threshold(get("BULK_READ_THRESHOLD", "10000")),
            daily_credit_budget=int(budget) if budget else None,
        )


# Get Records' page_token paging stops here: a bigger read must go through bulk read
REST_READ_CAP = 100_000


def parse_bulk_threshold(text: str) -> int:
    variable = f"{ENV_PREFIX}BULK_READ_THRESHOLD"
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"{variable}={text!r} is not a whole number (e.g. 10000)") from None
    if not 0 <= value < REST_READ_CAP:
        raise ValueError(
            f"{variable}={value} must be 0 to {REST_READ_CAP - 1} (Get Records reads at most "
            f"{REST_READ_CAP:,} records a query), e.g. 10000"
        )
    return value


# the values Zoho documents for `trigger` on record writes
TRIGGERS = ("workflow", "approval", "blueprint", "pathfinder", "orchestration")


def parse_triggers(text: str) -> tuple[str, ...]:
    """ "workflow, blueprint" -> ("workflow", "blueprint"); "" or "none" -> () (no automation)."""
    names = tuple(n.strip().lower() for n in text.split(",") if n.strip())
    if names in ((), ("none",)):
        return ()
    unknown = [n for n in names if n not in TRIGGERS]
    if unknown:
        raise ValueError(
            f"{ENV_PREFIX}WRITE_TRIGGERS: {', '.join(unknown)} is not a Zoho trigger; use a "
            f"comma list of {', '.join(TRIGGERS)} (e.g. workflow), or leave it empty for none"
        )
    return names
