"""Optional Slack-compatible webhook message for new hand-offs.

On when LEAD_SCORING_SLACK_WEBHOOK_URL is set. The URL is a secret (it carries the token that
lets anyone post), so it never appears in a message, an error or a repr.
"""

import logging
from urllib.parse import urlsplit

import requests

WEBHOOK_ENV = "LEAD_SCORING_SLACK_WEBHOOK_URL"
MAX_LINES = 20  # a message lists at most this many hand-offs, then counts the rest
# urllib3 logs each request line, path included, at DEBUG
HTTP_LOGGER = logging.getLogger("urllib3.connectionpool")


class NotificationError(Exception):
    """The webhook refused or did not answer; the message names no URL."""


class SlackWebhook:
    def __init__(self, url: str, timeout_seconds: float = 10.0):
        if not url.startswith(("https://", "http://")):
            raise ValueError(f"{WEBHOOK_ENV} must be an http(s) URL")
        self._url = url
        self.timeout_seconds = timeout_seconds

    def __repr__(self) -> str:
        return "SlackWebhook(url=***)"

    def post(self, message: dict) -> None:
        redact = _Redact(urlsplit(self._url).path)
        HTTP_LOGGER.addFilter(redact)
        try:
            response = requests.post(self._url, json=message, timeout=self.timeout_seconds)
        except requests.RequestException as exc:  # its text would carry the URL
            raise NotificationError(f"Slack webhook: no answer ({type(exc).__name__})") from None
        finally:
            HTTP_LOGGER.removeFilter(redact)
        if not 200 <= response.status_code < 300:
            raise NotificationError(f"Slack webhook answered HTTP {response.status_code}")


class _Redact(logging.Filter):
    """Masks the webhook's path (its secret part) in the HTTP library's log records."""

    def __init__(self, secret: str):
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secret and isinstance(record.args, tuple):
            record.args = tuple(
                arg.replace(self.secret, "/***") if isinstance(arg, str) else arg
                for arg in record.args
            )
        return True


def webhook_from_env(environ: dict | None = None) -> SlackWebhook | None:
    """The webhook, or None when the variable is unset (notifications off)."""
    from lead_scoring.config.load import load

    url = load(environ).slack_webhook_url
    return SlackWebhook(url.get_secret_value()) if url else None


def handoff_message(tasks: list[dict]) -> dict:
    """Slack's `text` (mrkdwn): one line per hand-off, from its follow-up task."""
    count = len(tasks)
    lines = [f"*{count} new sales-ready hand-off{'s' * (count != 1)}*"]
    lines += [f"• {task['Subject']} (task due {task['Due_Date']})" for task in tasks[:MAX_LINES]]
    if count > MAX_LINES:
        lines.append(f"… and {count - MAX_LINES} more")
    return {"text": "\n".join(lines)}
