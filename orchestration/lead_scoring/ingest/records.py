"""Land the records a reader put in `_ingest_records`: good ones in raw, the rest in quarantine.

Every source goes through here. Records that plainly keep the contract take the quick path
(`quick_path`), the rest the detailed check that names each problem (`record_sql`); both end in
`_ingest_checked`. The caller holds the transaction, so a load lands whole or not at all.
Within a load the first copy of a key wins (by source, then position); a later copy with the
same content is a re-delivery and is skipped, one with other content is quarantined. Keys
already in raw are skipped (re-reads add nothing), found through their hashes (`key_hashes`).
"""

import json
from contextlib import contextmanager

import duckdb
import pyarrow as pa

from lead_scoring.ingest.contracts import Contract
from lead_scoring.ingest.drift import check_drift
from lead_scoring.ingest.key_hashes import key_hash_sql, mark_landed_before, record_key_hashes
from lead_scoring.ingest.load_log import LoadResult
from lead_scoring.ingest.quarantine import quarantine_insert_sql
from lead_scoring.ingest.quick_path import quick_checked_sql, quick_sql
from lead_scoring.ingest.record_sql import checked_sql, parsed_sql

RECORDS_DDL = """
create or replace temp table _ingest_records (
    source varchar, position bigint, payload varchar, problem varchar
)
"""
WITH_PAYLOAD = "join _ingest_records using (source, position)"


def start_records(con: duckdb.DuckDBPyConnection) -> None:
    """An empty `_ingest_records` for a reader to fill."""
    con.execute(RECORDS_DDL)


def drop_records(con: duckdb.DuckDBPyConnection) -> None:
    """Free the memory the load's work tables hold (the connection may live on)."""
    con.execute("drop view if exists _ingest_checked")
    for table in ("records", "quick", "parsed", "detailed", "repeats", "landed", "files"):
        con.execute(f"drop table if exists _ingest_{table}")


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return con.execute(sql).fetchone()[0]


def _explain_invalid_json(con: duckdb.DuckDBPyConnection) -> None:
    """Python's parser says where the JSON breaks; only the (few) invalid records pay for it."""
    rows = con.execute(
        "select p.source, p.position, payload from _ingest_parsed p "
        f"{WITH_PAYLOAD} where p.problem like '%not valid JSON'"
    ).fetchall()
    reasons = []
    for source, position, payload in rows:
        try:
            json.loads(payload)
        except ValueError as err:
            detail = str(err)  # e.g. "Expecting ',' delimiter: line 1 column 7 (char 6)"
            reasons.append({"source": source, "position": position, "detail": detail})
    if reasons:
        con.register("_ingest_fixes", pa.Table.from_pylist(reasons))
        con.execute(
            """update _ingest_parsed set problem = problem || ': ' || fixes.detail
            from _ingest_fixes as fixes where _ingest_parsed.source = fixes.source
            and _ingest_parsed.position = fixes.position"""
        )
        con.unregister("_ingest_fixes")


def _repeats_sql(contract: Contract) -> str:
    """Later copies of a key within the load; only keys seen twice pay for the ranking.

    Keys are first counted by their 64-bit hash (a collision only adds a candidate that the
    ranking by the keys themselves finds alone), and only the later copies fetch their payload:
    grouping a 1M-lead day's event ids as text and joining every payload cost 1.1 s and 1.3 s.
    Content is compared as landed (typed columns and `_extra`), not as text: a copy sent again
    with other spacing or key order is the same event."""
    keys = ", ".join(f'"{k}"' for k in contract.keys)
    key_hash = key_hash_sql(contract.keys, "c")
    landed = ", ".join(f'"{c}" := "{c}"' for c in _landed_columns(contract))
    return f"""
        with good as not materialized (select * from _ingest_checked where reason is null),
        twice as (
            select {key_hash} as key_hash from good as c group by 1 having count(*) > 1
        ),
        ranked as (
            select source, position, {keys},
                row_number() over w as copy_no,
                struct_pack({landed}) as content,
                first_value(struct_pack({landed})) over w as first_content,
                first_value(source || ':' || position) over w as first_at
            from good as c semi join twice on {key_hash} = twice.key_hash
            window w as (partition by {keys} order by source, position)
        ),
        later as (select * from ranked where copy_no > 1),
        payloads as (
            select source, position, payload
            from _ingest_records semi join later using (source, position)
        )
        select source, position, payload, content is not distinct from first_content
            as same_content, {_repeat_reason(contract)} as reason
        from later join payloads using (source, position)
    """


def _landed_columns(contract: Contract) -> list[str]:
    return [c.name for f in contract.fields for c in f.columns] + ["_extra"]


def _repeat_reason(contract: Contract) -> str:
    """E.g. `messageId "m1" repeats /landing/web/day.jsonl:12 with other content`."""
    source_names = {c.name: f.key for f in contract.fields for c in f.columns}
    names = "/".join(source_names[k] for k in contract.keys)
    shown = " || '/' || ".join(f"coalesce(\"{k}\"::varchar, 'null')" for k in contract.keys)
    return f"'{names} \"' || {shown} || '\" repeats ' || first_at || ' with other content'"


def _insert_good(con: duckdb.DuckDBPyConnection, contract: Contract, load_id: str) -> int:
    names = ", ".join(f'"{c}"' for c in _landed_columns(contract))
    mark_landed_before(con, contract.table, contract.keys)
    new_rows = """_ingest_checked as new
        anti join _ingest_repeats using (source, position)
        anti join _ingest_landed using (source, position)
        where reason is null"""
    inserted = con.execute(  # DuckDB answers an insert with its row count
        f"""
        insert into raw.{contract.table} ({names}, _source, _loaded_at, _load_id)
        select {names}, source, now(), ? from {new_rows}
        """,
        [load_id],
    ).fetchone()[0]
    record_key_hashes(con, contract.table, contract.keys, new_rows)
    return inserted


def _quarantine(con: duckdb.DuckDBPyConnection, contract: Contract, load_id: str) -> int:
    bad = f"(select source, position, reason, payload from _ingest_checked {WITH_PAYLOAD})"
    repeats = "(select * from _ingest_repeats where not same_content)"
    return sum(
        con.execute(quarantine_insert_sql(contract.table, relation, where), [load_id]).fetchone()[0]
        for relation, where in ((bad, "reason is not null"), (repeats, "true"))
    )


def _new_fields(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "select distinct unnest(json_keys(_extra)) as k from _ingest_checked "
        "where _extra is not null and reason is null order by k"
    ).fetchall()
    return [row[0] for row in rows]


@contextmanager
def _without_subexpression_search(con: duckdb.DuckDBPyConnection):
    """The rule expressions are many and small: DuckDB's common-subexpression search costs
    more to plan (half a second for the CRM's 42 fields) than it saves when running."""
    before = con.execute("select current_setting('disabled_optimizers')").fetchone()[0]
    con.execute("set disabled_optimizers = 'common_subexpressions'")
    try:
        yield
    finally:
        con.execute(f"set disabled_optimizers = '{before}'")


def land_records(
    con: duckdb.DuckDBPyConnection, contract: Contract, load_id: str, max_bytes: int
) -> LoadResult:
    """Check `_ingest_records` and land it; the caller commits (or rolls back on error)."""
    with _without_subexpression_search(con):
        return _land(con, contract, load_id, max_bytes)


def _land(con, contract: Contract, load_id: str, max_bytes: int) -> LoadResult:
    con.execute(f"create or replace temp table _ingest_quick as {quick_sql(contract, max_bytes)}")
    con.execute(f"create or replace temp table _ingest_parsed as {parsed_sql(contract, max_bytes)}")
    _explain_invalid_json(con)
    check_drift(con, contract)
    con.execute(f"create or replace temp table _ingest_detailed as {checked_sql(contract)}")
    con.execute(
        "create or replace temp view _ingest_checked as select * from _ingest_detailed "
        f"union all {quick_checked_sql(contract)}"
    )
    con.execute(f"create or replace temp table _ingest_repeats as {_repeats_sql(contract)}")
    read = _count(con, "select count(*) from _ingest_checked")
    quarantined = _quarantine(con, contract, load_id)
    inserted = _insert_good(con, contract, load_id)
    return LoadResult(
        records_read=read,
        rows_inserted=inserted,
        rows_skipped=read - inserted - quarantined,
        rows_quarantined=quarantined,
        new_fields=_new_fields(con),
    )
