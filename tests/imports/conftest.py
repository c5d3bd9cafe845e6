"""A temporary warehouse and mapping for the import tests, and the CLI run in this process."""

import os
from pathlib import Path
from unittest import mock

import duckdb
import pytest

from lead_scoring.cli import main

MAPPING = """entity,role,column,type,values
leads,id,Lead Number,,
leads,external_id,Account,,
leads,email,Email,,
leads,created_at,Created,timestamp,
leads,outcome,Converted,text,1|yes
leads,field,Employees,number,
leads,field,Channel,text,
leads,field,Opted In,boolean,
activities,id,Event Id,,
activities,lead_ref,Account,,external_id
activities,name,Activity,,
activities,occurred_at,When,timestamp,
activities,field,Seconds,number,
"""


@pytest.fixture
def workspace(tmp_path) -> Path:
    (tmp_path / "lead_mapping.csv").write_text(MAPPING)
    env = {"LEAD_SCORING_DUCKDB": str(tmp_path / "warehouse.duckdb")}
    with mock.patch.dict(os.environ, env):
        yield tmp_path


def run_import(workspace: Path, entity: str, *files: Path, again: bool = False) -> int:
    extra = ["--again"] if again else []
    mapping = ["--mapping", str(workspace / "lead_mapping.csv")]
    return main(["import", entity, *map(str, files), *mapping, *extra])


def query(workspace: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(workspace / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()
