"""Generated sample data loaded straight into the raw tables of a temporary warehouse, for dbt
tests on realistic data without the CRM sandbox or the Dagster graph. Only the raw table
contract (`lead_scoring.ingest.raw_tables`) is shared with the ingest code."""

import csv
import json
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from lead_scoring.generator import generate
from lead_scoring.ingest.raw_tables import RAW_TABLES, create_table_sql

# source key -> raw column, as the ingest names them (camelCase / Zoho API name -> snake case)
WEB_KEYS = {
    "messageId": "message_id", "type": "type", "event": "event", "name": "name",
    "anonymousId": "anonymous_id", "userId": "user_id", "timestamp": "timestamp",
    "sentAt": "sent_at", "receivedAt": "received_at", "properties": "properties",
    "traits": "traits", "context": "context",
}  # fmt: skip
EMAIL_KEYS = {
    "sg_event_id": "sg_event_id", "sg_message_id": "sg_message_id", "email": "email",
    "event": "event", "timestamp": "timestamp", "url": "url", "category": "category",
    "useragent": "useragent", "ip": "ip", "reason": "reason", "status": "status",
    "type": "type", "response": "response", "attempt": "attempt", "smtp-id": "smtp_id",
    "asm_group_id": "asm_group_id", "marketing_campaign_id": "marketing_campaign_id",
}  # fmt: skip
ARROW_TYPES = {"VARCHAR": pa.string(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
               "BOOLEAN": pa.bool_(), "JSON": pa.string()}  # fmt: skip
METADATA = "now() as _loaded_at, 'generated' as _source, 'load-1' as _load_id"


def crm_row(record: dict) -> dict:
    """A Zoho API record as its raw row."""
    return _flatten(record)


def generate_into(root: Path, leads: int, days: int, seed: int, end_date: date) -> Path:
    """Generate a data set under root/generated and load it into root/warehouse.duckdb."""
    generated = root / "generated"
    generate(generated, leads=leads, days=days, seed=seed, end_date=end_date, progress=False)
    warehouse = root / "warehouse.duckdb"
    load_generated(generated, warehouse)
    return warehouse


def load_generated(generated: Path, warehouse: Path) -> None:
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema if not exists raw")
        for table in RAW_TABLES:
            con.execute(create_table_sql(table))
        _load_json(con, "web_events", sorted((generated / "web").glob("*.jsonl")), WEB_KEYS)
        _load_json(con, "email_events", sorted((generated / "email").glob("*.json")), EMAIL_KEYS)
        load_crm(generated, con)


def load_crm(generated: Path, con: duckdb.DuckDBPyConnection) -> None:
    """The generated CRM leads and calls into raw tables that exist."""
    for table, name in (("crm_leads", "leads"), ("crm_calls", "calls")):
        lines = (generated / "crm" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        _insert_records(con, table, [_flatten(json.loads(line)) for line in lines])


def truth(generated: Path) -> dict[str, dict]:
    """truth/leads.csv by lead id: true_intent, converted, won."""
    with (generated / "truth" / "leads.csv").open(encoding="utf-8") as rows:
        return {row["lead_id"]: row for row in csv.DictReader(rows)}


def _load_json(con, table: str, files: list[Path], keys: dict[str, str]) -> None:
    columns, _ = RAW_TABLES[table]
    types = ", ".join(f"'{key}': '{columns[column]}'" for key, column in keys.items())
    renames = ", ".join(f'"{key}" as "{column}"' for key, column in keys.items())
    file_list = "[" + ", ".join(f"'{file}'" for file in files) + "]"
    con.execute(f"""
        insert into raw.{table} by name
        select {renames}, {METADATA}
        from read_json({file_list}, columns = {{{types}}})
    """)


def _flatten(record: dict) -> dict:
    """Zoho record -> raw row: lookups ({"id","name","email"}) become <field>_<part>."""
    row = {}
    for key, value in record.items():
        column = key.lstrip("$").lower()
        if isinstance(value, dict):
            row.update({f"{column}_{part}": part_value for part, part_value in value.items()})
        else:
            row[column] = value
    return row


def insert_records(con, table: str, rows: list[dict], load_id: str = "load-1") -> None:
    """Raw rows into raw.<table>, as one load landed now."""
    _insert_records(con, table, rows, load_id)


def _insert_records(con, table: str, rows: list[dict], load_id: str = "load-1") -> None:
    columns, _ = RAW_TABLES[table]
    schema = pa.schema([(name, ARROW_TYPES[sql_type]) for name, sql_type in columns.items()])
    records = pa.Table.from_pylist([{n: row.get(n) for n in columns} for row in rows], schema)
    con.register("generated_records", records)
    metadata = METADATA.replace("'load-1'", f"'{load_id}'")
    con.execute(f"insert into raw.{table} by name select *, {metadata} from generated_records")
    con.unregister("generated_records")
