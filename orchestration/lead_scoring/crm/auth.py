"""OAuth: access tokens from a refresh token, cached until shortly before they expire.

Zoho access tokens last an hour. A token the API refuses (401) is dropped and fetched again;
`invalidate` only drops the token that failed, so concurrent threads refresh once, not N times.
The token answer's `api_domain` is where this org's API lives (Zoho: use it over any
configured domain); `api_domain` holds it once a token has been fetched.
"""

import threading
import time

from lead_scoring.crm.errors import CrmAuthError
from lead_scoring.crm.metrics import CrmMetrics
from lead_scoring.crm.settings import ZohoSettings
from lead_scoring.crm.token_answer import token_answer
from lead_scoring.crm.transport import Transport

TOKEN_PATH = "/oauth/v2/token"


class TokenManager:
    def __init__(
        self,
        settings: ZohoSettings,
        transport: Transport,
        metrics: CrmMetrics,
        clock=time.monotonic,
    ):
        self._settings = settings
        self._transport = transport
        self._metrics = metrics
        self._clock = clock
        self._token: str | None = None
        self._expires_at = 0.0
        self.api_domain: str | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"TokenManager(accounts_url={self._settings.accounts_url!r}, token=***)"

    def token(self) -> str:
        with self._lock:
            if self._token is None or self._clock() >= self._expires_at:
                self._refresh()
            return self._token

    def invalidate(self, token: str) -> None:
        with self._lock:
            if self._token == token:
                self._token = None

    def _refresh(self) -> None:
        endpoint = f"POST {TOKEN_PATH}"
        form = {
            "grant_type": "refresh_token",
            "client_id": self._settings.client_id,
            "client_secret": self._settings.client_secret,
            "refresh_token": self._settings.refresh_token,
        }
        url = self._settings.accounts_url + TOKEN_PATH
        response = self._transport.send("POST", url, endpoint=endpoint, api=False, data=form)
        try:
            body = response.json()
        except ValueError:
            body = None
        if (
            not isinstance(body, dict)
            or response.status_code != 200
            or not body.get("access_token")
        ):
            body = body if isinstance(body, dict) else {}
            reason = body.get("error") or token_answer(response)
            raise CrmAuthError(
                f"{endpoint} refused to refresh the access token: {reason}",
                endpoint=endpoint,
                status=response.status_code,
                code=body.get("error"),
            )
        lifetime = float(body.get("expires_in") or 3600)
        self._token = body["access_token"]
        if isinstance(body.get("api_domain"), str) and body["api_domain"].strip():
            self.api_domain = body["api_domain"].strip().rstrip("/")
        self._expires_at = self._clock() + lifetime - min(60.0, lifetime / 10)  # renew early
        self._metrics.add("token_refreshes")
