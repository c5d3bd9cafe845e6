"""Helpers for the arrival tests: events, writers of every landing shape, counts of where
each record ended (raw or quarantine)."""

import gzip
import json
from pathlib import Path

import duckdb
import zstandard


def page(message_id: str) -> dict:
    return {
        "messageId": message_id,
        "type": "page",
        "name": "Pricing",
        "anonymousId": f"anon-{message_id}",
        "timestamp": "2026-11-20T10:00:00.000Z",
        "properties": {"path": "/pricing"},
    }


def sendgrid(event_id: str) -> dict:
    return {
        "email": "buyer@example.co.jp",
        "timestamp": 1763632800,
        "event": "open",
        "sg_event_id": event_id,
        "sg_message_id": "msg-1",
    }


def lines_bytes(events: list[dict], bom: bool = False, crlf: bool = False) -> bytes:
    end = "\r\n" if crlf else "\n"
    text = "".join(json.dumps(e, ensure_ascii=False) + end for e in events)
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode()


def array_bytes(events: list[dict]) -> bytes:
    return json.dumps(events, ensure_ascii=False).encode()


def write(path: Path, data: bytes) -> Path:
    """Write `data` to `path`, compressed as its last suffix says (.gz or .zst)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".gz":
        data = gzip.compress(data)
    elif path.suffix.lower() == ".zst":
        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)
    return path


def landed_ids(con: duckdb.DuckDBPyConnection, table: str, key: str) -> list[str]:
    return [row[0] for row in con.execute(f"select {key} from raw.{table} order by 1").fetchall()]


def quarantined(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("select count(*) from raw._quarantine").fetchone()[0]
