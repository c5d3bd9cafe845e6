"""The optional Slack-compatible webhook: one message per run for new hand-offs, each hand-off
announced once, off when the variable is unset, and the URL (a secret) never shown."""

import json
import logging
import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from lead_scoring.reverse_etl.notify import SlackWebhook, webhook_from_env
from tests.reverse_etl.conftest import LEADS
from tests.reverse_etl.helpers import query, sync

SECRET_PATH = "/services/T0000/B0000/s3cretW3bhookT0ken"
NOTIFIED = "select count(notified_at) from reverse_etl.crm_handoffs"


class _Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append((self.path, json.loads(body)))
        self.send_response(self.server.status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    server.received, server.status = [], 200
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}{SECRET_PATH}"
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


def test_unset_or_blank_variable_means_no_notifications():
    assert webhook_from_env({}) is None
    assert webhook_from_env({"LEAD_SCORING_SLACK_WEBHOOK_URL": " "}) is None
    hook = webhook_from_env(
        {"LEAD_SCORING_SLACK_WEBHOOK_URL": "https://hooks.example" + SECRET_PATH}
    )
    assert isinstance(hook, SlackWebhook) and SECRET_PATH not in repr(hook)


def test_new_hand_offs_are_announced_once_in_one_message(sandbox, warehouse, receiver, caplog):
    caplog.set_level(logging.DEBUG)
    first = sync(warehouse, sandbox, "run-1", webhook=SlackWebhook(receiver.url))
    second = sync(warehouse, sandbox, "run-2", webhook=SlackWebhook(receiver.url))

    ((path, message),) = receiver.received
    lines = message["text"].split("\n")
    assert path == SECRET_PATH and lines[0] == f"*{LEADS // 5} new sales-ready hand-offs*"
    assert lines[1] == "• Follow up: Company 0000 is sales-ready (score 75) (task due 2026-11-20)"
    assert len(lines) == 22 and lines[-1] == f"… and {LEADS // 5 - 20} more"
    assert (first["handoffs_notified"], second["handoffs_notified"]) == (LEADS // 5, 0)
    assert '"POST /*** HTTP/1.1" 200' in caplog.text and SECRET_PATH not in caplog.text


def test_a_failed_post_is_reported_without_the_url_and_retried_next_run(
    sandbox, warehouse, receiver
):
    receiver.status = 500
    first = sync(warehouse, sandbox, "run-1", webhook=SlackWebhook(receiver.url))
    assert first["notify_error"] == "Slack webhook answered HTTP 500"
    assert query(warehouse, NOTIFIED) == [(0,)]

    receiver.status = 200
    second = sync(warehouse, sandbox, "run-2", webhook=SlackWebhook(receiver.url))

    assert second["notify_error"] is None and second["handoffs_notified"] == LEADS // 5
    assert len(receiver.received) == 2 and query(warehouse, NOTIFIED) == [(LEADS // 5,)]


def test_an_unreachable_webhook_gives_an_error_without_the_url(sandbox, warehouse):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    hook = SlackWebhook(f"http://127.0.0.1:{port}{SECRET_PATH}", timeout_seconds=2)
    summary = sync(warehouse, sandbox, "run-1", webhook=hook)
    assert summary["notify_error"] == "Slack webhook: no answer (ConnectionError)"
    assert summary["handoffs_tasks_created"] == LEADS // 5  # the sync itself went through
