"""The sandbox as a real HTTP server (stdlib ThreadingHTTPServer), in a background thread.

with SandboxServer("crm.sqlite3", port=0, config=SandboxConfig(token_lifetime=1)) as server:
    requests.get(f"{server.base_url}/__sandbox/health")
"""

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from lead_scoring.crm.sandbox.app import Request, Response, SandboxApp
from lead_scoring.crm.sandbox.config import SandboxConfig
from lead_scoring.crm.sandbox.importer import import_directory
from lead_scoring.crm.sandbox.store import Store

logger = logging.getLogger(__name__)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a stalled request must not hold up shutdown
    request_queue_size = 128
    app: SandboxApp


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like a real API front end
    disable_nagle_algorithm = True  # headers and body go out separately: no 40 ms ACK stalls
    server_version = "ZohoCrmSandbox/1.0"
    server: _HTTPServer

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        response = self.server.app.handle(
            Request(self.command, url.path, query, self.headers, body)
        )
        self._write(response)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

    def _write(self, response: Response) -> None:
        payload, kind = _payload(response.body)
        try:
            self.send_response(response.status)
            bodiless = response.status in (204, 304)  # neither body nor Content-Length
            if not bodiless:
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if not bodiless:
                self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up (e.g. timed out on a stall)

    def log_message(self, format: str, *args) -> None:
        logger.debug("%s - %s", self.address_string(), format % args)


def _payload(body) -> tuple[bytes, str]:
    """The bytes to send and their Content-Type: JSON, or a file (a bulk-read zip)."""
    if isinstance(body, bytes):
        return body, "application/zip"
    encoded = b"" if body is None else json.dumps(body).encode()
    return encoded, "application/json;charset=UTF-8"


class SandboxServer:
    def __init__(
        self,
        db_path: str | Path,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        config: SandboxConfig | None = None,
    ):
        self.host = host
        self.port = port
        self.config = config or SandboxConfig()
        self.store = Store(db_path)
        self.app = SandboxApp(self.store, self.config)
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host = "127.0.0.1" if self.host in ("", "0.0.0.0") else self.host
        return f"http://{host}:{self.port}"

    def import_dir(self, directory: str | Path) -> dict:
        return import_directory(self.store, directory, self.config.timezone)

    def start(self) -> "SandboxServer":
        self._httpd = _HTTPServer((self.host, self.port), _Handler)
        self._httpd.app = self.app
        self.port = self._httpd.server_address[1]
        self.app.ctx.base_url = self.base_url
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="crm-sandbox",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join()
            self._httpd = None
        self.store.close()

    def __enter__(self) -> "SandboxServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
