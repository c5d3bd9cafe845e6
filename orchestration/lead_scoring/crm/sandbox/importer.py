"""Import generated CRM data (`leads.jsonl`, `calls.jsonl`) into the sandbox's store.

Idempotent by id: a record whose id is already stored is skipped, so re-importing never
duplicates and never overwrites what the pipeline wrote back since.
"""

import json
from pathlib import Path

from lead_scoring.crm.sandbox.modules import SANDBOX_USER
from lead_scoring.crm.sandbox.store import Store
from lead_scoring.crm.sandbox.timefmt import format_ts, now_ts, parse_ts

FILES = {"Leads": "leads.jsonl", "Calls": "calls.jsonl"}
BATCH = 5000


class ImportFileError(ValueError):
    """A bad line in an import file; the message names the file, line and problem."""


def import_directory(
    store: Store, directory: str | Path, timezone: str = "+09:00"
) -> dict[str, dict[str, int]]:
    """{module: {"inserted": n, "skipped": m}} for each file present in directory."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ImportFileError(f"CRM import directory not found: {directory}")
    summary = {}
    for module, name in FILES.items():
        path = directory / name
        if path.exists():
            summary[module] = import_file(store, module, path, timezone)
    return summary


def import_file(store: Store, module: str, path: Path, timezone: str) -> dict[str, int]:
    inserted = total = 0
    batch: list[tuple[dict, float, float]] = []
    for record in _records(path):
        batch.append(_with_system_fields(record, timezone))
        total += 1
        if len(batch) >= BATCH:
            inserted += store.insert_new(module, batch)
            batch = []
    inserted += store.insert_new(module, batch)
    return {"inserted": inserted, "skipped": total - inserted}


def _with_system_fields(record: dict, timezone: str) -> tuple[dict, float, float]:
    """(record, created_ts, modified_ts), filling the fields Zoho always has when missing."""
    created = parse_ts(record.get("Created_Time"), now_ts())
    modified = parse_ts(record.get("Modified_Time"), created)
    user = {"name": SANDBOX_USER["name"], "id": SANDBOX_USER["id"]}
    record.setdefault("Created_Time", format_ts(created, timezone))
    record.setdefault("Modified_Time", format_ts(modified, timezone))
    record.setdefault("Created_By", user)
    record.setdefault("Modified_By", user)
    return record, created, modified


def _records(path: Path):
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                raise ImportFileError(f"{path}:{number}: not valid JSON ({exc})") from None
            if not isinstance(record, dict) or not isinstance(record.get("id"), str | int):
                raise ImportFileError(f"{path}:{number}: record has no id")
            record["id"] = str(record["id"])
            yield record
