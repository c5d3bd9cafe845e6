"""Case 9 of issue 11: an auth error says what the token endpoint actually answered."""

import http.server
import threading

import pytest

from lead_scoring.crm import CrmAuthError, ZohoCrmClient
from tests.crm.helpers import fast_settings


class _Answer(http.server.BaseHTTPRequestHandler):
    status, content_type, body = 200, "text/html", b""

    def do_POST(self):  # noqa: N802  (the name http.server calls)
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(self.status)
        self.send_header("Content-Type", self.content_type)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def token_endpoint():
    """A real HTTP server on an ephemeral port answering POST with what the test sets."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _refresh_error(sandbox, url: str) -> str:
    settings = fast_settings(sandbox).with_options(accounts_url=url)
    with pytest.raises(CrmAuthError) as caught:
        list(ZohoCrmClient(settings).iter_pages("Leads", ["Email"]))
    return str(caught.value)


def test_malformed_json_from_the_token_endpoint_is_named_as_such(sandbox, token_endpoint):
    server, url = token_endpoint
    server.RequestHandlerClass.body = b"<html><body>Service Temporarily Unavailable</body></html>"
    message = _refresh_error(sandbox, url)
    assert "HTTP 200" in message
    assert "not JSON" in message
    assert "text/html" in message and "Service Temporarily Unavailable" in message


def test_json_without_an_access_token_names_the_keys_it_had(sandbox, token_endpoint):
    server, url = token_endpoint
    server.RequestHandlerClass.content_type = "application/json"
    server.RequestHandlerClass.body = b'{"api_domain": "https://www.zohoapis.com"}'
    message = _refresh_error(sandbox, url)
    assert "no access_token" in message and "api_domain" in message
