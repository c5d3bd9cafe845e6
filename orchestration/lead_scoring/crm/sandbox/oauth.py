"""Zoho accounts' token endpoint (`POST /oauth/v2/token`, refresh_token grant) and token checks.

Like Zoho, a refused grant is answered HTTP 200 with `{"error": "..."}`. Only a hash of each
access token is stored, so the database holds no usable token.
"""

import hashlib
import hmac
import math
import secrets

from lead_scoring.crm.sandbox import zoho_errors
from lead_scoring.crm.sandbox.context import SandboxContext

SCOPE = "ZohoCRM.modules.ALL ZohoCRM.settings.ALL"
AUTH_PREFIX = "Zoho-oauthtoken "


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _same(given, expected: str) -> bool:
    return isinstance(given, str) and hmac.compare_digest(given.encode(), expected.encode())


def issue_token(ctx: SandboxContext, params: dict) -> tuple[int, dict]:
    config = ctx.config
    if params.get("grant_type") != "refresh_token":
        return 200, {"error": "unsupported_grant_type"}
    if not (
        _same(params.get("client_id"), config.client_id)
        and _same(params.get("client_secret"), config.client_secret)
    ):
        return 200, {"error": "invalid_client"}
    if not _same(params.get("refresh_token"), config.refresh_token):
        return 200, {"error": "invalid_code"}
    token = f"1000.{secrets.token_hex(16)}.{secrets.token_hex(16)}"
    ctx.store.add_access_token(_hash(token), ctx.now() + config.token_lifetime)
    return 200, {
        "access_token": token,
        "scope": SCOPE,
        "api_domain": config.api_domain or ctx.base_url,
        "token_type": "Bearer",
        "expires_in": max(1, math.ceil(config.token_lifetime)),
    }


def auth_error(ctx: SandboxContext, authorization: str | None) -> dict | None:
    """None when the Authorization header carries a live token, else Zoho's 401 body."""
    if not authorization or not authorization.startswith(AUTH_PREFIX):
        return zoho_errors.AUTHENTICATION_FAILURE
    token = authorization[len(AUTH_PREFIX) :].strip()
    expires_at = ctx.store.access_token_expiry(_hash(token))
    if expires_at is None or expires_at <= ctx.now():
        return zoho_errors.INVALID_TOKEN
    return None
