"""`raw._quarantine`: every source record that could not land in raw, with the reason.

Nothing is dropped silently: a record is either in its raw table or here. `position` is
1-based (line number in a JSON-lines file, element number in a JSON array, record number on
a CRM page); 0 means the whole file or page. `payload` is the record as received (text),
cut to PAYLOAD_KEEP_CHARS characters; `payload_bytes` is its full size.
"""

QUARANTINE_DDL = """
create table if not exists raw._quarantine (
    source_table varchar,   -- raw table the record was meant for
    source varchar,         -- landing file path, or CRM module and page
    position bigint,        -- line / element / record number, 1-based; 0 = whole file or page
    reason varchar,         -- what is wrong, naming the source field
    payload varchar,        -- the record as received (cut to 65,536 characters)
    payload_bytes bigint,   -- full size of the record as received
    _load_id varchar,
    _loaded_at timestamptz
)
"""

PAYLOAD_KEEP_CHARS = 65_536


def quarantine_insert_sql(table: str, relation: str, where: str) -> str:
    """INSERT of the rows of `relation` (source, position, reason, payload) matching `where`;
    one parameter: the load id."""
    return f"""
        insert into raw._quarantine
        select '{table}', source, position, reason, left(payload, {PAYLOAD_KEEP_CHARS}),
               strlen(payload), ?, now()
        from {relation}
        where {where}
    """
