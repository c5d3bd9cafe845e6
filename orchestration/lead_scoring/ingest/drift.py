"""Schema drift: a contract field missing from, or of another type in, every record of a load.

One bad record is quarantined; the same problem in every record means the source changed,
and quarantining the whole load would only hide that, so the load stops with a message
naming the source, the field and the type the contract expects. A load needs at least
MIN_RECORDS parsed records (or values) before it can tell drift from one bad record.
"""

import duckdb

from lead_scoring.ingest.contracts import Contract, Field
from lead_scoring.ingest.errors import drift_error
from lead_scoring.ingest.quick_path import sent_sql
from lead_scoring.ingest.record_sql import KIND_WORDS, in_list, literal, value

MIN_RECORDS = 2


def _detailed_counts_sql(contract: Contract) -> str:
    """Records parsed by the detailed path, then per field: records with it, and with it of
    a kind the contract takes."""
    parts = ["count(f)"]
    for field in contract.fields:
        right = (
            "true"
            if field.kinds is None
            else f"json_type({value(field)}) in {in_list(field.kinds)}"
        )
        parts += [
            f"count({value(field)})",
            f"count(*) filter (where {value(field)} is not null and {right})",
        ]
    return "select " + ", ".join(parts) + " from _ingest_parsed"


def _quick_counts_sql(contract: Contract) -> str:
    """The same counts over the quick path's records (each field of them is of a right kind)."""
    parts = ["count(*)"]
    for field in contract.fields:
        parts += [f"count(*) filter (where {sent_sql(contract, field)})"] * 2
    return "select " + ", ".join(parts) + " from _ingest_quick where ok"


def _stats(con: duckdb.DuckDBPyConnection, contract: Contract) -> tuple:
    """(parsed, sources, present_0, typed_0, ...) over both paths' records."""
    detailed = con.execute(_detailed_counts_sql(contract)).fetchone()
    quick = con.execute(_quick_counts_sql(contract)).fetchone()
    counts = [a + b for a, b in zip(detailed, quick, strict=True)]
    sources = con.execute(
        "select string_agg(distinct source, ', ') from (select source from _ingest_parsed "
        "union all select source from _ingest_quick where ok)"
    ).fetchone()[0]
    return (counts[0], sources, *counts[1:])


_PARSED_RECORDS = (
    "(select source, position from _ingest_parsed where f is not null "
    "union all select source, position from _ingest_quick where ok)"
)


def _keys_never_sent(con: duckdb.DuckDBPyConnection, fields: list[Field]) -> set[str]:
    """Which of `fields` no parsed record has as a key at all (null values count as sent)."""
    if not fields:
        return set()
    counts = ", ".join(
        f"count(*) filter (where json_exists(payload, {literal('$.' + json_key(f))}))"
        for f in fields
    )
    row = con.execute(
        f"select {counts} from {_PARSED_RECORDS} join _ingest_records using (source, position)"
    ).fetchone()
    return {field.key for field, count in zip(fields, row, strict=True) if count == 0}


def json_key(field: Field) -> str:
    return '"' + field.key.replace('"', '\\"') + '"'


def _found_kind(con: duckdb.DuckDBPyConnection, field: Field) -> str:
    found = con.execute(f"select mode(json_type({value(field)})) from _ingest_parsed")
    return KIND_WORDS.get(found.fetchone()[0], "another type")


def _problems(con, contract: Contract, row: tuple) -> list[tuple[Field, str]]:
    parsed, problems, absent = row[0], [], []
    if parsed < MIN_RECORDS:
        return []
    for i, field in enumerate(contract.fields):
        present, typed = row[2 + 2 * i], row[3 + 2 * i]
        if present == 0 and (field.required or contract.all_keys_sent):
            absent.append(field)
        elif present >= MIN_RECORDS and typed == 0:
            kind = _found_kind(con, field)
            problems.append((field, f"is {kind} in all {present} records that have it"))
    never_sent = _keys_never_sent(con, [f for f in absent if not f.required])
    missing = [f for f in absent if f.required or f.key in never_sent]
    return [(f, f"is missing from all {parsed} records") for f in missing] + problems


def check_drift(con: duckdb.DuckDBPyConnection, contract: Contract) -> None:
    """Raise SchemaDriftError for the first drifted field of the parsed records of both paths
    (`_ingest_quick`, `_ingest_parsed`)."""
    row = _stats(con, contract)
    problems = _problems(con, contract, row)
    if problems:
        field, problem = problems[0]
        sources = row[1] if len(row[1]) < 300 else row[1][:300] + "..."  # parsed >= 2: set
        raise drift_error(contract.table, field.key, field.expected, problem, sources)
