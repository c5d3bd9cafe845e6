"""Connection settings for Zoho CRM (or the local sandbox); secrets never shown.

`ZohoSettings.from_env()` reads the LEAD_SCORING_CRM_* variables through the one settings model
(`lead_scoring.config.model`, where each is declared with its default and meaning):
LEAD_SCORING_CRM_DATA_CENTER (com, eu, in, com.au, jp, ca, sa, uk, com.cn) gives both the
accounts URL and the API domain; LEAD_SCORING_CRM_API_DOMAIN / _ACCOUNTS_URL override them.
Without either the client talks to the local sandbox with its default credentials; any other
domain needs all three credentials set. The `api_domain` in the token answer wins over the
configured API domain (Zoho's advice).
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
    # batches in flight: to reach the rate limit it needs rate x answer latency, plus one; 5 is
    # the lowest cap on concurrent calls of any Zoho edition (Free)
    max_workers: int = 5
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
        """LEAD_SCORING_CRM_* from the settings model; missing credentials are an error except
        for a local sandbox (a `lead_scoring.settings.SettingsError`, a ValueError)."""
        from lead_scoring.config.load import load  # the model imports this package's defaults

        s = load(environ)
        local = _is_local(s.crm_urls()[0])

        def credential(name: str) -> str:
            value = getattr(s, f"crm_{name}")
            if value is None:
                return SANDBOX_CREDENTIALS[name] if local else ""
            return value if isinstance(value, str) else value.get_secret_value()

        api_domain, accounts_url = s.crm_urls()
        return cls(
            api_domain,
            accounts_url,
            **{name: credential(name) for name in SANDBOX_CREDENTIALS},
            timeout_seconds=s.crm_timeout_seconds,
            max_retries=s.crm_max_retries,
            requests_per_second=s.crm_requests_per_second,
            max_workers=s.crm_max_workers,
            write_triggers=parse_triggers(s.crm_write_triggers),
            bulk_read_threshold=s.crm_bulk_read_threshold,
            daily_credit_budget=s.crm_daily_credit_budget,
        )


def _is_local(url: str) -> bool:
    return urlsplit(url).hostname in ("127.0.0.1", "localhost")


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
            f"{', '.join(unknown)} is not a Zoho trigger; use a comma list of "
            f"{', '.join(TRIGGERS)} (e.g. workflow), or leave it empty for none"
        )
    return names
