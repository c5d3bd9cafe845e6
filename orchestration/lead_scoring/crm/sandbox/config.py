"""Sandbox settings: credentials it accepts, token lifetime and fault injection.

Everything except the credentials can be changed while the server runs
(`POST /__sandbox/config`), so a test can turn faults on and off between calls.
"""

import re
from dataclasses import asdict, dataclass, fields

from lead_scoring.crm.defaults import (
    CREDENTIAL_ENV,
    SANDBOX_CLIENT_ID,
    SANDBOX_CLIENT_SECRET,
    SANDBOX_REFRESH_TOKEN,
)

# Documented defaults: the sandbox accepts these unless told otherwise (env or flags).
DEFAULT_CLIENT_ID = SANDBOX_CLIENT_ID
DEFAULT_CLIENT_SECRET = SANDBOX_CLIENT_SECRET
DEFAULT_REFRESH_TOKEN = SANDBOX_REFRESH_TOKEN
SECRET_KEYS = ("client_secret", "refresh_token")
READ_ONLY_KEYS = ("client_id", *SECRET_KEYS)


@dataclass
class SandboxConfig:
    client_id: str = DEFAULT_CLIENT_ID
    client_secret: str = DEFAULT_CLIENT_SECRET
    refresh_token: str = DEFAULT_REFRESH_TOKEN
    token_lifetime: float = 3600.0  # seconds an access token lives
    rate_limit_per_second: float | None = None  # API requests accepted per rolling second
    rate_limit_per_minute: float | None = None  # ... per rolling minute
    error_rate: float = 0.0  # fraction of API requests answered 500 or 503
    stall_rate: float = 0.0  # fraction of API requests held stall_seconds before answering
    stall_seconds: float = 35.0  # longer than the client's default 30 s timeout
    reject_rate: float = 0.0  # fraction of written records refused with INVALID_DATA
    latency_seconds: float = 0.0  # added to every API request (to measure concurrency)
    poison_text: str | None = None  # a write whose body holds this is refused whole (400)
    seed: int = 0  # seeds the fault RNG, so injections are reproducible
    timezone: str = "+09:00"  # offset of the CRM user's time zone, used in every timestamp
    page_token_ttl: float = 86400.0  # Zoho page tokens expire after a day
    api_domain: str | None = None  # what the token endpoint answers; None: the server's URL
    request_log_max_bytes: int = 20_000_000  # bound on the in-memory request log
    bulk_read_polls: int = 0  # job status reads answered IN PROGRESS before COMPLETED
    bulk_read_page_size: int = 200_000  # records per bulk-read result (Zoho's page)

    def __post_init__(self) -> None:
        self.check()

    def __repr__(self) -> str:
        return f"SandboxConfig({self.public_dict()})"

    def check(self) -> None:
        """Fractions within 0..1, times not negative, a parseable UTC offset."""
        for key in ("error_rate", "stall_rate", "reject_rate"):
            if not 0.0 <= getattr(self, key) <= 1.0:
                raise ValueError(f"sandbox setting {key!r} is a fraction: 0 to 1")
        for key in ("token_lifetime", "stall_seconds", "latency_seconds", "page_token_ttl"):
            if getattr(self, key) < 0:
                raise ValueError(f"sandbox setting {key!r} cannot be negative")
        if not re.fullmatch(r"[+-]\d{2}:\d{2}", self.timezone):
            raise ValueError("sandbox setting 'timezone' is a UTC offset like +09:00")

    def public_dict(self) -> dict:
        """All settings, secrets masked: safe to print, log or answer over HTTP."""
        values = asdict(self)
        for key in SECRET_KEYS:
            values[key] = "***"
        return values

    def update(self, changes: dict) -> None:
        """Apply run-time changes; unknown keys, credentials or wrong types raise ValueError."""
        known = {f.name: f for f in fields(self)}
        previous = asdict(self)
        for key, value in changes.items():
            if key not in known or key in READ_ONLY_KEYS:
                raise ValueError(f"unknown or read-only sandbox setting: {key!r}")
            setattr(self, key, _coerce(key, value, known[key].type))
        try:
            self.check()
        except ValueError:
            for key, value in previous.items():  # all or nothing
                setattr(self, key, value)
            raise


def _coerce(key: str, value, type_hint):
    """Check one JSON value against the field's type (float fields take ints too)."""
    text = str(type_hint)
    if value is None and "None" in text:
        return None
    if "float" in text and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if "int" in text and isinstance(value, int) and not isinstance(value, bool):
        return value
    if "str" in text and isinstance(value, str):
        return value
    raise ValueError(f"sandbox setting {key!r} must be {text}, got {value!r}")


def credentials_from_env(environ: dict | None = None) -> dict:
    """Credential overrides from the environment (the same variables the client reads)."""
    from lead_scoring.config.load import load  # the model imports this package's defaults

    s = load(environ)
    values = {key: getattr(s, f"crm_{key}") for key in CREDENTIAL_ENV}
    return {
        key: value if isinstance(value, str) else value.get_secret_value()
        for key, value in values.items()
        if value is not None
    }
