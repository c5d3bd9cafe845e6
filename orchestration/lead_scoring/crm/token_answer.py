"""What the token endpoint answered, in words, for an error message: status, content type and
the start of the body, with anything shaped like a token or secret masked."""

import json
import re

SHOWN_CHARS = 120
TOKEN_LIKE = re.compile(r"[A-Za-z0-9._\-]{24,}")  # Zoho tokens: 1000.<hex>.<hex>


def _masked(text: str) -> str:
    return TOKEN_LIKE.sub("***", text)


def token_answer(response) -> str:
    """E.g. `HTTP 200, body is not JSON (text/html, 58 bytes: '<html>...')`."""
    status = f"HTTP {response.status_code}"
    kind = response.headers.get("Content-Type") or "no content type"
    raw = response.content or b""
    try:
        body = json.loads(raw)
    except ValueError:
        start = _masked(raw[:SHOWN_CHARS].decode("utf-8", "replace"))
        return f"{status}, body is not JSON ({kind}, {len(raw)} bytes: {start!r})"
    if not isinstance(body, dict):
        return f"{status}, body is JSON {type(body).__name__}, not an object"
    keys = ", ".join(sorted(body)) or "none"
    return f"{status}, JSON with no access_token (keys: {keys})"
