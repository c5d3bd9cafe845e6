"""The published BI snapshot, opened read-only as the report sees it.

An in-memory DuckDB attaches the snapshot and exposes each table of its `marts` and `ops`
schemas as a view of the same name, so the report's queries never touch the file. For the
PII-free report of a full snapshot, the views drop and pseudonymise as the PII-free publish
does (`pii.select_list`); a snapshot published PII-free is shown as it is.
"""

from pathlib import Path

import duckdb
import pandas as pd

from lead_scoring.report import pii

SCHEMAS = ("marts", "ops", "publish")


class SnapshotMissing(FileNotFoundError):
    pass


class Snapshot:
    def __init__(self, path: Path, *, pii_key: str | None = None):
        if not path.exists():
            raise SnapshotMissing(
                f"no published snapshot at {path} (LEAD_SCORING_PUBLISHED_DUCKDB): run the "
                "pipeline once (make demo or lead-scoring run) so the BI snapshot exists"
            )
        self.path = path
        self.con = duckdb.connect()
        self.con.execute(f"attach '{path}' as snap (read_only)")
        self.tables = self._list_tables()
        lead_columns = self.columns("marts", "lead_scores")
        self.already_pii_free = "lead_key" in lead_columns and "lead_id" not in lead_columns
        self.pii_free = pii_key is not None or self.already_pii_free
        self._views(None if self.already_pii_free else pii_key)
        self.lead = "lead_key" if self.pii_free else "lead_id"

    def _list_tables(self) -> dict[str, list[str]]:
        rows = self.con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_catalog = 'snap' order by 1, 2"
        ).fetchall()
        tables: dict[str, list[str]] = {}
        for schema, table in rows:
            tables.setdefault(schema, []).append(table)
        return tables

    def columns(self, schema: str, table: str) -> list[str]:
        rows = self.con.execute(
            "select column_name from information_schema.columns where table_catalog = 'snap' "
            "and table_schema = ? and table_name = ? order by ordinal_position",
            [schema, table],
        ).fetchall()
        return [row[0] for row in rows]

    def _views(self, pii_key: str | None) -> None:
        for schema in SCHEMAS:
            self.con.execute(f"create schema if not exists memory.{schema}")
            for table in self.tables.get(schema, []):
                columns = self.columns(schema, table)
                select = "*" if pii_key is None else pii.select_list(columns, pii_key)
                self.con.execute(
                    f'create view memory.{schema}."{table}" as '
                    f'select {select} from snap.{schema}."{table}"'
                )

    def use_ops(self, frames: dict[str, pd.DataFrame]) -> None:
        """Show these data-health tables instead of the snapshot's (fresher: the nightly
        report runs after the CRM sync, which the snapshot predates)."""
        for name, frame in frames.items():
            self.con.register(f"_ops_{name}", frame)
            self.con.execute(
                f'create or replace view memory.ops."{name}" as select * from "_ops_{name}"'
            )
        self._overridden = set(frames)

    def overridden(self, name: str) -> bool:
        return name in getattr(self, "_overridden", set())

    def has(self, schema: str, table: str) -> bool:
        return table in self.tables.get(schema, [])

    def df(self, sql: str, params: list | None = None) -> pd.DataFrame:
        return self.con.execute(sql.replace("{lead}", self.lead), params or []).df()

    def published_at(self) -> str:
        if not self.has("publish", "snapshot"):
            return "?"
        value = self.con.execute("select max(published_at) from publish.snapshot").fetchone()[0]
        return value.strftime("%Y-%m-%d %H:%M %Z") if value else "?"

    def close(self) -> None:
        self.con.close()
