"""The PII-free variant of published tables: no names, e-mails or phone numbers.

Lead and rep identifiers become stable pseudonymous keys (an md5 of LEAD_SCORING_PSEUDONYM_KEY
and the id), so a lead keeps its key from run to run and tables still join on it, while the
CRM id, the person's name and address stay out. The same rules serve the BI snapshot and the
report, so both variants hide the same things.
"""

DROPPED = {
    "email",
    "email_as_entered",
    "first_name",
    "last_name",
    "full_name",
    "lead_name",
    "owner_email",
    "phone",
    "mobile",
    # free text reps type about a person: may name them
    "issue_and_need",
    "pain_documented",
}
LEAD_IDS = {"lead_id": "lead_key", "primary_lead_id": "primary_lead_key"}
REP_COLUMNS = ("owner_name", "owner_id")
LEAD_KEY_PREFIX = "L-"
REP_KEY_PREFIX = "rep-"


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def pseudonym_sql(expression: str, key: str, prefix: str, length: int) -> str:
    """SQL for the stable pseudonym of `expression` (null stays null)."""
    digest = f"md5({_quoted(key)} || '|' || cast({expression} as varchar))"
    pseudonym = f"{_quoted(prefix)} || left({digest}, {length})"
    return f"case when {expression} is null then null else {pseudonym} end"


def select_list(columns: list[str], key: str) -> str:
    """The select list that copies a table with `columns` without PII."""
    present = set(columns)
    out = []
    for column in columns:
        quoted = f'"{column}"'
        if column in DROPPED:
            continue
        if column in LEAD_IDS:
            out.append(f'{pseudonym_sql(quoted, key, LEAD_KEY_PREFIX, 12)} as "{LEAD_IDS[column]}"')
        elif column in REP_COLUMNS:
            out.append(f"{pseudonym_sql(quoted, key, REP_KEY_PREFIX, 6)} as {quoted}")
        elif column == "segment" and "dimension" in present:
            rep = pseudonym_sql(quoted, key, REP_KEY_PREFIX, 6)
            out.append(f"case when dimension = 'owner' then {rep} else {quoted} end as {quoted}")
        else:
            out.append(quoted)
    return ", ".join(out)
