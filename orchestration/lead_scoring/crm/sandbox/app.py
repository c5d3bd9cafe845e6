"""Routes one request to its handler and records it: the sandbox without the HTTP plumbing."""

import json
import logging
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from lead_scoring.crm.sandbox import bulk_read, deletions, zoho_errors
from lead_scoring.crm.sandbox.config import SandboxConfig
from lead_scoring.crm.sandbox.context import SandboxContext
from lead_scoring.crm.sandbox.faults import FaultInjector
from lead_scoring.crm.sandbox.modules import MODULES
from lead_scoring.crm.sandbox.oauth import auth_error, issue_token
from lead_scoring.crm.sandbox.reads import list_records
from lead_scoring.crm.sandbox.request_log import RequestLog
from lead_scoring.crm.sandbox.store import Store
from lead_scoring.crm.sandbox.tags import add_tags
from lead_scoring.crm.sandbox.timefmt import utc_iso
from lead_scoring.crm.sandbox.writes import update_records, write_records

logger = logging.getLogger(__name__)
API_PREFIX = "/crm/v8/"


@dataclass
class Request:
    method: str
    path: str
    query: dict
    headers: object  # anything with a case-insensitive .get(), e.g. http.client.HTTPMessage
    body: bytes = b""
    json: object = None


@dataclass
class Response:
    status: int
    body: dict | bytes | None = None  # bytes: a file download (a bulk-read zip)
    fault: str | None = field(default=None, compare=False)  # what was injected, for the log


class SandboxApp:
    def __init__(self, store: Store, config: SandboxConfig):
        self.config = config
        self.store = store
        self.faults = FaultInjector(config)
        self.log = RequestLog(config.request_log_max_bytes)
        self.ctx = SandboxContext(store, config, self.faults)

    def handle(self, request: Request) -> Response:
        started = time.time()
        try:
            response = self._route(request)
        except Exception:  # a bug must still answer like Zoho, and show in the log
            logger.exception("sandbox failed on %s %s", request.method, request.path)
            response = Response(500, zoho_errors.INTERNAL_ERROR)
        if not request.path.startswith("/__sandbox/"):
            self._record(request, response, started)
        return response

    def _record(self, request: Request, response: Response, started: float) -> None:
        body = request.json
        if request.path.startswith("/oauth/"):
            body = dict(parse_qsl(request.body.decode("utf-8", "replace")))
        self.log.add(
            {
                "time": utc_iso(started),
                "method": request.method,
                "path": request.path,
                "query": request.query,
                "body": body,
                "status": response.status,
                "response": None if isinstance(response.body, bytes) else response.body,
                "fault": response.fault,
                "duration_ms": round((time.time() - started) * 1000, 1),
            }
        )

    def _route(self, request: Request) -> Response:
        if request.path.startswith("/__sandbox/"):
            return self._control(request)
        if request.path == "/oauth/v2/token" and request.method == "POST":
            form = dict(parse_qsl(request.body.decode("utf-8", "replace")))
            return Response(*issue_token(self.ctx, {**request.query, **form}))
        if request.path.startswith(API_PREFIX) or request.path.startswith(bulk_read.PREFIX):
            return self._api(request)
        return Response(404, zoho_errors.invalid_url())

    def _control(self, request: Request) -> Response:
        route = (request.method, request.path)
        if route == ("GET", "/__sandbox/health"):
            return Response(200, {"status": "ok"})
        if route == ("GET", "/__sandbox/requests"):
            since = int(request.query.get("since", 0))
            entries = self.log.since(since, request.query.get("path_prefix", ""))
            return Response(200, {"requests": entries})
        if route == ("DELETE", "/__sandbox/requests"):
            self.log.clear()
            return Response(200, {"status": "ok"})
        if route == ("GET", "/__sandbox/config"):
            return Response(200, self.config.public_dict())
        if route == ("POST", "/__sandbox/config"):
            return self._configure(request)
        if route == ("POST", "/__sandbox/merge"):
            return Response(*deletions.merge(self.ctx, _json(request)))
        return Response(404, {"error": f"no sandbox control endpoint {request.path}"})

    def _configure(self, request: Request) -> Response:
        changes = _json(request)
        if not isinstance(changes, dict):
            return Response(400, {"error": "send a JSON object of settings"})
        try:
            self.config.update(changes)
        except ValueError as exc:
            return Response(400, {"error": str(exc)})
        self.log.max_bytes = self.config.request_log_max_bytes
        if "seed" in changes or "rate_limit_per_second" in changes:
            self.faults.reseed()
        return Response(200, self.config.public_dict())

    def _api(self, request: Request) -> Response:
        problem = auth_error(self.ctx, request.headers.get("Authorization"))
        if problem:
            return Response(401, problem)
        refusal = self._refusal()
        if refusal:
            return refusal
        stall = self.faults.stall_seconds()
        time.sleep(stall + self.config.latency_seconds)
        response = self._serve_api(request)
        response.fault = "stall" if stall else None
        return response

    def _serve_api(self, request: Request) -> Response:
        if request.path.startswith(bulk_read.PREFIX):
            return self._bulk_read(request)
        parts = request.path[len(API_PREFIX) :].strip("/").split("/")
        spec = MODULES.get(parts[0])
        if spec is None:
            return Response(400, zoho_errors.invalid_module())
        if request.method == "GET" and len(parts) == 1:
            return Response(*list_records(self.ctx, spec, request.query, request.headers))
        if request.method == "GET" and parts[1:] == ["deleted"]:
            return Response(*deletions.list_deleted(self.ctx, spec, request.query, request.headers))
        if request.method == "DELETE" and len(parts) == 1:
            return Response(*deletions.delete_records(self.ctx, spec, request.query))
        if request.method not in ("POST", "PUT") or (request.method == "PUT" and len(parts) > 1):
            return Response(405, zoho_errors.invalid_method())
        request.json = _json(request)
        if request.json is None:
            return Response(400, zoho_errors.invalid_body())
        poison = self.config.poison_text
        if poison and poison in request.body.decode("utf-8", "replace"):
            return Response(400, zoho_errors.invalid_body(), fault="poison")
        return self._post(request, spec, parts[1:])

    def _post(self, request: Request, spec, rest: list[str]) -> Response:
        if request.method == "PUT":
            return Response(*update_records(self.ctx, spec, request.json))
        if rest == []:
            return Response(*write_records(self.ctx, spec, request.json, upsert=False))
        if rest == ["upsert"]:
            return Response(*write_records(self.ctx, spec, request.json, upsert=True))
        if rest == ["actions", "add_tags"]:
            return Response(*add_tags(self.ctx, spec, request.json, request.query))
        return Response(404, zoho_errors.invalid_url())

    def _bulk_read(self, request: Request) -> Response:
        rest = request.path[len(bulk_read.PREFIX) :].strip("/").split("/")
        if request.method == "POST" and rest == [""]:
            request.json = _json(request)
            return Response(*bulk_read.create_job(self.ctx, request.json))
        if request.method == "GET" and len(rest) == 1 and rest[0]:
            return Response(*bulk_read.job_status(self.ctx, rest[0]))
        if request.method == "GET" and len(rest) == 2 and rest[1] == "result":
            return Response(*bulk_read.download(self.ctx, rest[0]))
        return Response(404, zoho_errors.invalid_url())

    def _refusal(self) -> Response | None:
        """A 429 past the rate limit or an injected 5xx; None: serve the request."""
        if not self.faults.admit():
            return Response(429, zoho_errors.TOO_MANY_REQUESTS, fault="throttled")
        status = self.faults.server_error()
        if status:
            return Response(status, zoho_errors.INTERNAL_ERROR, fault="server_error")
        return None


def _json(request: Request):
    try:
        return json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return None
