"""The payload table of the reverse-ETL tests, made from the dbt contract of
`marts.sync_crm__lead_scores` (columns and types in `_marts__models.yml`), so the tests read
the table the real model writes; `test_payload_contract.py` and the whole-graph test check it."""

from functools import cache

import duckdb
import yaml

from lead_scoring import settings
from lead_scoring.reverse_etl.ledger import insert_columns

PAYLOAD = "marts.sync_crm__lead_scores"
MODELS_YML = settings.DBT_PROJECT_DIR / "models" / "marts" / "_marts__models.yml"


@cache
def payload_model() -> dict:
    """The model's entry in its yml (config and columns)."""
    models = yaml.safe_load(MODELS_YML.read_text())["models"]
    (model,) = [m for m in models if m["name"] == PAYLOAD.split(".")[1]]
    return model


def payload_columns() -> dict[str, str]:
    """Column name -> data type, in the contract's order."""
    return {column["name"]: column["data_type"] for column in payload_model()["columns"]}


def create_payload_table(con: duckdb.DuckDBPyConnection) -> None:
    columns = ", ".join(f"{name} {kind}" for name, kind in payload_columns().items())
    con.execute("create schema if not exists marts")
    con.execute(f"create table {PAYLOAD} ({columns})")


def insert_payloads(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> None:
    """Rows by column name; a column a row leaves out is null."""
    names = list(payload_columns())
    unknown = {key for row in rows for key in row} - set(names)
    if unknown:
        raise ValueError(f"{PAYLOAD} has no column(s) {sorted(unknown)} in its contract")
    types = tuple(payload_columns().values())
    insert_columns(con, PAYLOAD, types, [tuple(row.get(name) for name in names) for row in rows])
