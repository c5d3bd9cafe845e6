"""Open a page in headless Chromium (Debian's `chromium`) and report what happened.

Talks the DevTools protocol over `--remote-debugging-pipe` (fd 3 in, fd 4 out, NUL-separated
JSON), so no driver package and no port are needed. Records console errors, uncaught
exceptions, log errors and every request the page makes, then evaluates a script; on request
it also saves a PNG screenshot of the whole page.
"""

import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--remote-debugging-pipe",
]
TIMEOUT_SECONDS = 60
SCREENSHOT_WIDTH = 1280
SCREENSHOT_MAX_HEIGHT = 6000  # a long page is cut here rather than made a huge image


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class PageVisit:
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    result: object = None


class _Pipe:
    def __init__(self, write_fd: int, read_fd: int):
        self.write_fd, self.read_fd = write_fd, read_fd
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.write_fd, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def _read(self) -> dict:
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while b"\0" not in self.buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("chromium did not answer over the DevTools pipe")
            chunk = os.read(self.read_fd, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_for(self, method: str) -> dict:
        while True:
            for index, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(index)
            self.events.append(self._read())


def _record(visit: PageVisit, events: list[dict]) -> None:
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            visit.console_errors.append(json.dumps(params.get("args"))[:500])
        elif method == "Runtime.exceptionThrown":
            visit.console_errors.append(json.dumps(params.get("exceptionDetails"))[:500])
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            visit.console_errors.append(params["entry"].get("text", "")[:500])
        elif method == "Network.requestWillBeSent":
            visit.requests.append(params["request"]["url"])


def _as_fds_3_and_4(read_fd: int, write_fd: int) -> None:
    """In the child: our pipe ends as fd 3 and 4 (copied high first: either may be 3 or 4)."""
    high_read = fcntl.fcntl(read_fd, fcntl.F_DUPFD, 10)
    high_write = fcntl.fcntl(write_fd, fcntl.F_DUPFD, 10)
    os.dup2(high_read, 3)
    os.dup2(high_write, 4)


def visit(
    url: str, script: str, settle_seconds: float = 2.0, screenshot: Path | None = None
) -> PageVisit:
    """Load `url` in a fresh profile, wait for its load event, settle, evaluate `script`;
    with `screenshot`, write the page (its full height, up to a limit) there as a PNG."""
    to_chrome_read, to_chrome_write = os.pipe()
    from_chrome_read, from_chrome_write = os.pipe()
    # Chromium's helper processes may still write to the profile just after the browser
    # exits; a leftover file in the temp folder must not fail the visit
    with tempfile.TemporaryDirectory(
        prefix="chromium-profile-", ignore_cleanup_errors=True
    ) as profile:
        command = [chromium_path(), *FLAGS, f"--user-data-dir={profile}", "about:blank"]
        # the child's fd 3 reads our commands, its fd 4 writes the answers
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=lambda: _as_fds_3_and_4(to_chrome_read, from_chrome_write),
        )
        os.close(to_chrome_read)
        os.close(from_chrome_write)
        pipe = _Pipe(to_chrome_write, from_chrome_read)
        try:
            return _drive(pipe, url, script, settle_seconds, screenshot)
        finally:
            os.close(to_chrome_write)
            os.close(from_chrome_read)
            process.terminate()
            process.wait(timeout=30)


def _drive(
    pipe: _Pipe, url: str, script: str, settle_seconds: float, screenshot: Path | None
) -> PageVisit:
    targets = pipe.send("Target.getTargets")["targetInfos"]
    page = next(t["targetId"] for t in targets if t["type"] == "page")
    session = pipe.send("Target.attachToTarget", {"targetId": page, "flatten": True})["sessionId"]
    for domain in ("Runtime", "Log", "Network", "Page"):
        pipe.send(f"{domain}.enable", session=session)
    if screenshot:
        metrics = {
            "width": SCREENSHOT_WIDTH,
            "height": 900,
            "deviceScaleFactor": 1,
            "mobile": False,
        }
        pipe.send("Emulation.setDeviceMetricsOverride", metrics, session=session)
    pipe.send("Page.navigate", {"url": url}, session=session)
    pipe.wait_for("Page.loadEventFired")
    time.sleep(settle_seconds)  # plotly draws on load; let late errors and requests show
    answer = pipe.send(
        "Runtime.evaluate", {"expression": script, "returnByValue": True}, session=session
    )
    if screenshot:
        _screenshot(pipe, session, screenshot)
    result = PageVisit()
    _record(result, pipe.events)
    result.result = answer.get("result", {}).get("value")
    return result


def _screenshot(pipe: _Pipe, session: str, path: Path) -> None:
    size = pipe.send("Page.getLayoutMetrics", session=session)["cssContentSize"]
    clip = {
        "x": 0,
        "y": 0,
        "width": max(size["width"], SCREENSHOT_WIDTH),  # a wide table too
        "height": min(size["height"], SCREENSHOT_MAX_HEIGHT),
        "scale": 1,
    }
    shot = pipe.send(
        "Page.captureScreenshot",
        {"format": "png", "clip": clip, "captureBeyondViewport": True},
        session=session,
    )
    path.write_bytes(base64.b64decode(shot["data"]))


def file_url(path: Path) -> str:
    return path.resolve().as_uri()
