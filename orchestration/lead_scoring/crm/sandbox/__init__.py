"""A local HTTP server speaking the Zoho CRM v8 subset the pipeline uses, backed by SQLite.

See `server.SandboxServer` (Python API), `command` (CLI) and `config.SandboxConfig` (faults).
"""

from lead_scoring.crm.sandbox.config import (
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_REFRESH_TOKEN,
    SandboxConfig,
)
from lead_scoring.crm.sandbox.server import SandboxServer

__all__ = [
    "DEFAULT_CLIENT_ID",
    "DEFAULT_CLIENT_SECRET",
    "DEFAULT_REFRESH_TOKEN",
    "SandboxConfig",
    "SandboxServer",
]
