"""One run at a time per warehouse: an exclusive lock file beside the DuckDB file.

A run takes `<warehouse>.run.lock` (an OS lock, released by the kernel even if the run is
killed) and writes who holds it. A second run does not wait on DuckDB's file lock and fail
half-way: it stops before its first step with a message naming the run that holds the lock.
Within one process the same run may take the lock again (Dagster initialises resources per
step with some executors).
"""

import fcntl
import json
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

_held: dict[str, tuple[int, str, int]] = {}  # lock path -> (fd, run id, depth), this process
_guard = threading.Lock()


class RunInProgress(Exception):
    """Another run holds the warehouse; the message names it."""


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".run.lock")


def _holder_text(path: Path) -> str:
    try:
        holder = json.loads(path.read_text() or "{}")
    except (OSError, ValueError):
        holder = {}
    if not holder:
        return "a run whose details are not written yet"
    return (
        f"run {holder.get('run_id')} (pid {holder.get('pid')} on {holder.get('host')}, "
        f"started {holder.get('started_at')})"
    )


def _refusal(path: Path) -> RunInProgress:
    return RunInProgress(
        f"another run is in progress on this warehouse: {_holder_text(path)}; lock {path}. "
        "This run did nothing; start it again when that one has finished."
    )


def running(warehouse: Path) -> str | None:
    """The message naming the run that holds `warehouse`, or None when it is free."""
    path = lock_path(warehouse)
    if not path.exists():
        return None
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return str(_refusal(path))
    finally:
        os.close(fd)  # closing drops a lock we may just have taken
    return None


def _acquire(path: Path, run_id: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise _refusal(path) from None
    holder = {
        "run_id": run_id,
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(holder).encode(), 0)
    _held[str(path)] = (fd, run_id, 1)


@contextmanager
def hold_run_lock(warehouse: Path, run_id: str) -> Iterator[None]:
    """Hold the warehouse for `run_id`; RunInProgress when another run holds it."""
    path = lock_path(warehouse)
    key = str(path)
    with _guard:
        if key in _held and _held[key][1] == run_id:
            fd, _, depth = _held[key]
            _held[key] = (fd, run_id, depth + 1)
        elif key in _held:
            raise _refusal(path)
        else:
            _acquire(path, run_id)
    try:
        yield
    finally:
        with _guard:
            fd, _, depth = _held[key]
            if depth > 1:
                _held[key] = (fd, run_id, depth - 1)
            else:
                del _held[key]
                os.ftruncate(fd, 0)
                os.close(fd)
