"""The PII-free snapshot: e-mail and name columns left out, ids replaced by stable keys, and
the data-health tables beside the marts."""

import hashlib
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from lead_scoring.ingest.warehouse import connect
from lead_scoring.publish.snapshot import publish_marts


@pytest.fixture
def warehouse(tmp_path) -> Path:
    path = tmp_path / "warehouse.duckdb"
    with connect(path) as con:
        con.execute("create schema marts")
        con.execute(
            "create table marts.lead_qualification as select * from (values "
            "('101', 'a@example.com', 'Aiko Sato', 'mql'), "
            "('102', 'b@example.com', null, 'lead')"
            ") as t(lead_id, email, owner_name, lifecycle_stage)"
        )
        con.execute(
            "create table marts.feedback_sla as select * from (values "
            "('owner', 'Aiko Sato', 3), ('tier', 'Hot', 2)) as t(dimension, segment, handoffs)"
        )
    return path


def _key(secret: str, value: str, prefix: str, digits: int) -> str:
    return prefix + hashlib.md5(f"{secret}|{value}".encode()).hexdigest()[:digits]


def test_the_pii_free_copy_drops_and_pseudonymises(warehouse, tmp_path):
    target = tmp_path / "published.duckdb"
    ops = {"loads": pd.DataFrame({"table_name": ["web_events"], "rows_landed": [5]})}
    with connect(warehouse) as con:
        publish_marts(con, target, "run-1", pii_key="secret", ops=ops)

    with duckdb.connect(str(target), read_only=True) as con:
        leads = con.execute(
            "select * from marts.lead_qualification order by lifecycle_stage desc"
        ).fetchall()
        columns = [c[0] for c in con.description]
        sla = con.execute("select * from marts.feedback_sla order by dimension").fetchall()
        loads = con.execute("select * from ops.loads").fetchall()
    assert columns == ["lead_key", "owner_name", "lifecycle_stage"]
    assert leads == [
        (_key("secret", "101", "L-", 12), _key("secret", "Aiko Sato", "rep-", 6), "mql"),
        (_key("secret", "102", "L-", 12), None, "lead"),
    ]
    # the rep's segment gets the rep's key, so tables still agree on who is who
    assert sla == [("owner", _key("secret", "Aiko Sato", "rep-", 6), 3), ("tier", "Hot", 2)]
    assert loads == [("web_events", 5)]
