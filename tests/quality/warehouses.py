"""Small warehouses for the check tests: rule seeds from the dbt project, raw tables filled by
the real loaders, marts tables written by hand."""

import json
from pathlib import Path

import duckdb
import pandas as pd

from lead_scoring import settings
from lead_scoring.ingest.landing_files import WEB_EVENTS, load_landing_files
from lead_scoring.ingest.warehouse import ensure_raw_schema

SEEDS = settings.profile_dir()


def load_seeds(con: duckdb.DuckDBPyConnection, folder: Path = SEEDS) -> None:
    """The rule seeds as dbt loads them: schema `scoring`, every column text."""
    con.execute("create schema if not exists scoring")
    for path in sorted(folder.glob("score_*.csv")):
        con.execute(
            f"create or replace table scoring.{path.stem} as "
            f"select * from read_csv('{path}', header = true, all_varchar = true)"
        )


def write_table(con: duckdb.DuckDBPyConnection, name: str, rows: list[dict]) -> None:
    schema = name.split(".")[0]
    con.execute(f"create schema if not exists {schema}")
    frame = pd.DataFrame(rows)  # noqa: F841 (read by the query)
    con.execute(f"create or replace table {name} as select * from frame")


def page(message_id: str, day: str = "2026-11-20", **fields) -> dict:
    return {
        "messageId": message_id, "type": "page", "name": "Pricing", "anonymousId": "anon-1",
        "timestamp": f"{day}T10:00:00.000Z", "properties": {"path": "/pricing"}, **fields,
    }  # fmt: skip


def land_web(con: duckdb.DuckDBPyConnection, folder: Path, lines: list, load_id: str) -> None:
    """Write one day file (dicts as JSON, str as they are) and load the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    text = "".join((json.dumps(line) if isinstance(line, dict) else line) + "\n" for line in lines)
    (folder / f"{load_id}.jsonl").write_text(text)
    ensure_raw_schema(con)
    load_landing_files(con, WEB_EVENTS, folder, load_id)


def lead_score(lead_id: str, **fields) -> dict:
    return {
        "lead_id": lead_id, "email": f"{lead_id}@example.co.jp", "attribute_score": 30,
        "behavior_score": 10, "total_score": 40, "tier": "Warm", "score_reasons": "r",
        "scored_at": pd.Timestamp("2026-11-20 23:59:59"),
        "last_scored_activity_at": pd.Timestamp("2026-11-20 10:00:00"), **fields,
    }  # fmt: skip
