"""Shared test helpers: generated-style leads, sandbox control calls, raw API calls."""

import json
from datetime import UTC, datetime, timedelta

import requests

from lead_scoring.crm import ZohoSettings
from lead_scoring.crm.sandbox import SandboxServer

BASE_TIME = datetime(2026, 11, 1, tzinfo=UTC)


def lead(number: int, **fields) -> dict:
    """A Leads record as the generator writes it; Modified_Time one minute apart per number."""
    stamp = (BASE_TIME + timedelta(minutes=number)).isoformat()
    record = {
        "id": str(4150868000000000000 + number),
        "Email": f"lead{number}@example.com",
        "Last_Name": f"Lead {number}",
        "Company": "Example KK",
        "Created_Time": stamp,
        "Modified_Time": stamp,
    }
    return {**record, **fields}


def write_jsonl(path, records) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def fast_settings(server: SandboxServer, **options) -> ZohoSettings:
    """Sandbox settings with short timeouts and backoff, so fault tests stay quick; one batch
    at a time unless asked, so a seeded sandbox injects the same faults on every run."""
    defaults = {
        "max_workers": 1,
        "timeout_seconds": 5.0,
        "max_retries": 4,
        "backoff_base_seconds": 0.01,
        "backoff_max_seconds": 0.05,
    }
    return ZohoSettings.for_sandbox(server.base_url, **{**defaults, **options})


def configure(server: SandboxServer, **changes) -> dict:
    """Change the sandbox's faults at run time, over HTTP as a test harness would."""
    response = requests.post(f"{server.base_url}/__sandbox/config", json=changes, timeout=5)
    response.raise_for_status()
    return response.json()


def logged(server: SandboxServer, path_prefix: str = "/crm/") -> list[dict]:
    response = requests.get(
        f"{server.base_url}/__sandbox/requests", params={"path_prefix": path_prefix}, timeout=5
    )
    return response.json()["requests"]


def access_token(server: SandboxServer) -> str:
    settings = ZohoSettings.for_sandbox(server.base_url)
    form = {
        "grant_type": "refresh_token",
        "client_id": settings.client_id,
        "client_secret": settings.client_secret,
        "refresh_token": settings.refresh_token,
    }
    return requests.post(f"{server.base_url}/oauth/v2/token", data=form, timeout=5).json()[
        "access_token"
    ]


def api(server: SandboxServer, method: str, path: str, token: str | None = None, **kwargs):
    """A raw API call to the sandbox (no client), with a fresh token unless one is given."""
    headers = {"Authorization": f"Zoho-oauthtoken {token or access_token(server)}"}
    headers.update(kwargs.pop("headers", {}))
    kwargs.setdefault("timeout", 10)
    return requests.request(method, f"{server.base_url}/crm/v8/{path}", headers=headers, **kwargs)
