"""The quick path of the contract check: records that are plainly good skip the detailed one.

Most records break no rule. The quick path parses each record once, a plain text field
straight to text and every other field to JSON, and keeps the records that pass a test
stricter than the contract, never looser: a plain text field must not read as an object or a
list (its text starting with `{` or `[`), and must hold one of its allowed values and look
like an e-mail address where the contract asks, whatever JSON kind it came as. Every other
field is checked by the detailed path's own expressions (`record_sql.field_problems`).

The records it does not keep (text that starts with a brace, a number sent for a picklist, a
line that is not an object...) take the detailed path, which names each problem, so what lands
and every quarantine reason are the detailed path's; a plain text field parsed to text equals
the detailed path's `json_extract_string` of it (numbers and booleans keep their text alike).
"""

from lead_scoring.ingest.contracts import KINDS_BY_TYPE, Column, Contract, Field
from lead_scoring.ingest.record_sql import (
    BLANK,
    EMAIL_PATTERN,
    column_value,
    extra_sql,
    field_problems,
    in_list,
    literal,
    nothing_sql,
    one_of_problems,
    value,
)


def is_plain_text(field: Field) -> bool:
    """A text field with no rule on its form: parsed straight to text by the quick path."""
    return (
        len(field.columns) == 1
        and field.columns[0].path == "$"
        and field.columns[0].sql_type == "VARCHAR"
        and field.kinds == KINDS_BY_TYPE["VARCHAR"]
        and field.time is None
        and field.minimum is None
    )


def _spec(contract: Contract) -> str:
    types = ", ".join(
        f'"{field.key}": "{"VARCHAR" if is_plain_text(field) else "JSON"}"'
        for field in contract.fields
    )
    return literal("{" + types + "}")


def _plain_text_ok(field: Field) -> list[str]:
    v = value(field)
    conditions = [f"({v} is null or left({v}, 1) not in ('{{', '['))"]
    if field.required:
        conditions.append(f"{v} is not null")
    if field.allowed:
        conditions.append(f"({v} is null or {v} in {in_list(field.allowed)})")
    if field.email:
        conditions.append(f"({v} is null or regexp_matches({v}, {literal(EMAIL_PATTERN)}))")
    return conditions


def _ok(contract: Contract) -> str:
    """True only for a record the detailed path would give no reason."""
    conditions = [f"f is not null and not ({nothing_sql(contract)})"]
    for field in contract.fields:
        if is_plain_text(field):
            conditions += _plain_text_ok(field)
        else:
            conditions += [f"({problem}) is null" for problem in field_problems(field)]
    conditions += [f"({problem}) is null" for problem in one_of_problems(contract)]
    return "\n and ".join(conditions)


def _others(contract: Contract) -> list[Field]:
    return [field for field in contract.fields if not is_plain_text(field)]


def _sent(contract: Contract) -> str:
    """Which fields other than plain text the record has (a list of booleans, `sent_sql`)."""
    return "[" + ", ".join(f"{value(field)} is not null" for field in _others(contract)) + "]"


def sent_sql(contract: Contract, field: Field) -> str:
    """True when a row of `_ingest_quick` has `field`: a plain text field when its column is
    not null, any other by its place in `_sent`."""
    if is_plain_text(field):
        return f'"{field.columns[0].name}" is not null'
    return f"_sent[{_others(contract).index(field) + 1}]"


def quick_sql(contract: Contract, max_bytes: int) -> str:
    """`_ingest_quick`: every record once, parsed into the raw columns, with its `_extra`,
    which other fields it has (`_sent`) and whether it is plainly good (`ok`)."""
    readable = f"problem is null and strlen(payload) <= {max_bytes} and not ({BLANK})"
    columns = ",\n".join(
        f'{_column_value(field, column)} as "{column.name}"'
        for field in contract.fields
        for column in field.columns
    )
    return f"""
        select source, position, {columns}, {extra_sql(contract)} as _extra,
            {_sent(contract)} as _sent, coalesce({_ok(contract)}, false) as ok
        from (
            select source, position, payload,
                case when {readable} then try(json_transform(payload, {_spec(contract)})) end
                    as f
            from _ingest_records
        )
    """


def _column_value(field: Field, column: Column) -> str:
    return value(field) if is_plain_text(field) else column_value(field, column)


def quick_checked_sql(contract: Contract) -> str:
    """The plainly good rows of `_ingest_quick` as `record_sql.checked_sql` shapes them."""
    columns = ", ".join(f'"{column.name}"' for field in contract.fields for column in field.columns)
    return (
        f"select source, position, null::varchar as reason, {columns}, _extra "
        "from _ingest_quick where ok"
    )
