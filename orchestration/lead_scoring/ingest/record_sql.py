"""SQL that checks source records against their contract, set-based, in one JSON parse.

Records arrive as text in `_ingest_records` (source, position, payload, problem). Each is
parsed once into a struct of its contract's fields (`json_transform`, every field as JSON);
then one expression per rule yields a reason naming the field, or NULL.
"""

import json

from lead_scoring.ingest.contracts import Column, Contract, Field

INT_KINDS = ("BIGINT", "UBIGINT")
NUMBER_KINDS = ("BIGINT", "UBIGINT", "DOUBLE")
FUTURE_TOLERANCE_SECONDS = 3600  # clocks drift; an hour ahead is still "now"
# a blank line (spaces, tabs, a CR from a Windows line end) is not a record; only short
# payloads are trimmed, so the check costs nothing on real records
BLANK = "strlen(payload) < 16 and trim(payload, ' ' || chr(9) || chr(13)) = ''"
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
KIND_WORDS = {
    "VARCHAR": "text",
    "BIGINT": "a number",
    "UBIGINT": "a number",
    "DOUBLE": "a number",
    "BOOLEAN": "true/false",
    "ARRAY": "a list",
    "OBJECT": "an object",
    "NULL": "null",
}


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def in_list(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(literal(v) for v in values) + ")"


def value(field: Field) -> str:
    return 'f."' + field.key.replace('"', '""') + '"'


def text(field: Field) -> str:
    return f"json_extract_string({value(field)}, '$')"


def kind_word(json_type_sql: str) -> str:
    """SQL for the kind of a JSON value in words ("text", "a number", "a list"...)."""
    words = ", ".join(f"{literal(k)}: {literal(w)}" for k, w in KIND_WORDS.items())
    return f"map {{{words}}}[{json_type_sql}]"


def _shown(field: Field) -> str:
    """The value as a reason shows it: its kind and its first 60 characters."""
    kind = kind_word(f"json_type({value(field)})")
    return f"({kind} || ' ' || left({value(field)}::varchar, 60))"


def _unknown_keys(contract: Contract) -> str:
    known = ", ".join(literal(field.key) for field in contract.fields)
    return f"list_filter(json_keys(payload), lambda k: k not in ({known}))"


def nothing_sql(contract: Contract) -> str:
    """True when the parsed record `f` has none of the contract's fields."""
    return " and ".join(f"{value(field)} is null" for field in contract.fields)


def extra_sql(contract: Contract) -> str:
    """The record's fields outside the contract as one JSON object, or NULL (needs `payload`
    and its parse `f`); only records with an unknown key pay for the merge."""
    nulls = literal(json.dumps({field.key: None for field in contract.fields}))
    return f"""case when f is not null and len({_unknown_keys(contract)}) > 0
        then json_merge_patch(payload, {nulls}) end"""


def parsed_sql(contract: Contract, max_bytes: int) -> str:
    """`_ingest_parsed`: each record the quick path did not keep (`quick_path`), parsed once
    into `f` (every contract field as JSON), or the reason it could not be; `_extra` holds the
    fields outside the contract, if any.

    The payload itself stays in `_ingest_records`; the costly checks (object or not, unknown
    keys) run only on the rows that need them.
    """
    spec = literal(json.dumps({field.key: "JSON" for field in contract.fields}))
    return f"""
        select source, position, f,
            case
                when problem is not null then problem
                when f is null and not json_valid(payload) then 'not valid JSON'
                when (f is null or {nothing_sql(contract)}) and json_type(payload) <> 'OBJECT'
                    then 'record is ' || {kind_word("json_type(payload)")}
                    || ', expected a JSON object'
            end as problem,
            {extra_sql(contract)} as _extra
        from (
            select source, position, payload,
                case
                    when problem is not null then problem
                    when strlen(payload) > {max_bytes} then 'record is ' || strlen(payload)
                        || ' bytes, above the limit of {max_bytes} (LEAD_SCORING_MAX_RECORD_BYTES)'
                end as problem,
                case when problem is null and strlen(payload) <= {max_bytes}
                    then try(json_transform(payload, {spec})) end as f
            from _ingest_records
            semi join (select source, position from _ingest_quick where not ok)
                using (source, position)
            where problem is not null or not ({BLANK})
        )
    """


def _kind_problem(field: Field) -> str | None:
    if field.kinds is None:
        return None
    expected = literal(", expected " + field.expected)
    return (
        f"case when json_type({value(field)}) not in {in_list(field.kinds)} then "
        f"{literal(field.key + ' is ')} || {_shown(field)} || {expected} end"
    )


def _time_problem(field: Field) -> str | None:
    v, key = value(field), literal(field.key)
    if field.time == "iso":
        moment = f"try_cast({text(field)} as timestamptz)"
        return f"""case when json_type({v}) = 'VARCHAR' then case
            when {moment} is null then {key} || ' is "' || left({text(field)}, 60)
                || '", not an ISO 8601 time'
            when {moment} > now() + interval {FUTURE_TOLERANCE_SECONDS} second
                then {key} || ' is ' || {text(field)} || ', in the future' end end"""
    if field.time == "unix":
        seconds = f"try_cast({v} as double)"
        return f"""case when json_type({v}) in {in_list(INT_KINDS)} then case
            when {seconds} < 0 then {key} || ' is ' || {text(field)} || ', before 1970'
            when {seconds} > epoch(now()) + {FUTURE_TOLERANCE_SECONDS}
                then {key} || ' is ' || {text(field)} || ' (Unix seconds), in the future' end end"""
    return None


def field_problems(field: Field) -> list[str]:
    v, key = value(field), literal(field.key)
    problems = []
    if field.required:
        problems.append(f"case when {v} is null then {key} || ' is missing' end")
    problems.append(_kind_problem(field))
    if field.allowed:
        expected = literal('", expected one of ' + ", ".join(field.allowed))
        problems.append(
            f"case when json_type({v}) = 'VARCHAR' and {text(field)} not in "
            f"{in_list(field.allowed)} then {key} || ' is \"' || left({text(field)}, 60) || "
            f"{expected} end"
        )
    if field.minimum is not None:
        problems.append(
            f"case when json_type({v}) in {in_list(NUMBER_KINDS)} and try_cast({v} as double) < "
            f"{field.minimum} then {key} || ' is ' || {text(field)} || "
            f"{literal(f', below the minimum {field.minimum:g}')} end"
        )
    problems.append(_time_problem(field))
    if field.email:
        problems.append(
            f"case when json_type({v}) = 'VARCHAR' and not regexp_matches({text(field)}, "
            f"{literal(EMAIL_PATTERN)}) then {key} || ' is \"' || left({text(field)}, 60) || "
            "'\", not an e-mail address' end"
        )
    return [p for p in problems if p]


def one_of_problems(contract: Contract) -> list[str]:
    """A reason per group of fields of which the record has none (`contract.one_of`)."""
    by_key = {field.key: field for field in contract.fields}
    problems = []
    for group in contract.one_of:
        missing = " and ".join(f"{value(by_key[k])} is null" for k in group)
        problems.append(
            f"case when {missing} then {literal(' or '.join(group) + ' is required')} end"
        )
    return problems


def record_problems(contract: Contract) -> list[str]:
    problems = [p for field in contract.fields for p in field_problems(field)]
    return problems + one_of_problems(contract)


def column_value(field: Field, column: Column) -> str:
    """The typed raw column from the field's JSON value (only read when the record is good)."""
    if column.path != "$":
        return f"json_extract_string({value(field)}, {literal(column.path)})"
    if column.sql_type == "VARCHAR":
        return text(field)
    if column.sql_type == "JSON":
        return value(field)
    return f"try_cast({value(field)} as {column.sql_type})"


def checked_sql(contract: Contract) -> str:
    """`_ingest_detailed`: typed raw columns, `_extra` and the reason (NULL = the record is good)
    of the records the quick path did not keep."""
    columns = ",\n".join(
        f'{column_value(field, column)} as "{column.name}"'
        for field in contract.fields
        for column in field.columns
    )
    reasons = ",\n".join(record_problems(contract))
    return f"""
        select source, position,
            coalesce(problem, nullif(concat_ws('; ', {reasons}), '')) as reason,
            {columns},
            _extra
        from _ingest_parsed
    """
