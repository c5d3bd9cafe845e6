"""SQLite persistence for the sandbox: records, tags, access and page tokens.

One connection shared by the server's threads behind a lock: simple, and SQLite serialises
writes anyway. Every request commits, so a restarted sandbox, even a killed one, sees the same
data.
"""

import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

SCHEMA = """
create table if not exists records (
    module text not null,
    id text not null,
    data text not null,
    created_ts real not null,
    modified_ts real not null,
    primary key (module, id)
);
create index if not exists records_modified on records (module, modified_ts);
-- ids are unique across modules: next_id() looks one up without its module
create index if not exists records_id on records (id);
drop index if exists records_email;
create index if not exists records_email_key
    on records (module, lower(trim(json_extract(data, '$."Email"'))));
create table if not exists tags (
    id text primary key,
    module text not null,
    name text not null,
    data text not null,
    unique (module, name)
);
create table if not exists record_tags (
    module text not null,
    record_id text not null,
    tag_id text not null,
    primary key (module, record_id, tag_id)
);
create table if not exists access_tokens (token_hash text primary key, expires_at real not null);
create table if not exists page_tokens (
    token text primary key, state text not null, expires_at real not null
);
create table if not exists counters (name text primary key, value integer not null);
"""

# ids are numeric strings: order by length first so "99" sorts before "100"
SORT_KEYS = {
    "id": ("length(id)", "id"),
    "Created_Time": ("created_ts", "length(id)", "id"),
    "Modified_Time": ("modified_ts", "length(id)", "id"),
}
FIELD_NAME = re.compile(r"^\$?[A-Za-z0-9_]+$")
PATCH_PAIRS = 50  # fields per json_set call: SQLite caps a function's arguments (127 by default)
ID_PREFIX = {"record": "5725767", "tag": "5725768"}  # 19-digit ids like Zoho's


class Store:
    def __init__(self, path: str | Path):
        self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._conn.execute("pragma journal_mode = wal")
        # no fsync: a commit is in the OS's hands, which a killed sandbox keeps (only the
        # machine's crash could lose it). At a million records, each 100-record update's
        # checkpoint fsync took 16 of the 30 ms the sandbox spent on it
        self._conn.execute("pragma synchronous = off")
        self._conn.executescript(SCHEMA)
        self._lock = threading.RLock()
        self._depth = 0

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic write; nested calls join the outer transaction."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._conn.execute("begin immediate")
            self._depth = 1
            try:
                yield
                self._conn.execute("commit")
            except BaseException:
                self._conn.execute("rollback")
                raise
            finally:
                self._depth = 0

    def _rows(self, sql: str, params: Iterable = ()) -> list[tuple]:
        with self._lock:
            return self._conn.execute(sql, tuple(params)).fetchall()

    def _write(self, sql: str, params: Iterable = ()) -> int:
        with self.transaction():
            return self._conn.execute(sql, tuple(params)).rowcount

    # records ----------------------------------------------------------------------------

    def get(self, module: str, record_id: str) -> dict | None:
        rows = self._rows(
            "select data from records where module = ? and id = ?", (module, record_id)
        )
        return json.loads(rows[0][0]) if rows else None

    def find_ids(self, module: str, field: str, value) -> list[str]:
        """Ids of records whose field equals value (text: trimmed, case-insensitive)."""
        if not FIELD_NAME.match(field):
            return []
        extract = f"json_extract(data, '$.\"{field}\"')"  # field checked above: no injection
        if isinstance(value, str):  # same expression as the index, so the index is used
            condition = f"lower(trim({extract})) = lower(trim(?))"
        else:
            condition = f"{extract} = ?"
        sql = f"select id from records where module = ? and {condition}"
        return [row[0] for row in self._rows(sql, (module, value))]

    def put(self, module: str, record: dict, created_ts: float, modified_ts: float) -> None:
        self._write(
            "insert or replace into records values (?, ?, ?, ?, ?)",
            (module, record["id"], json.dumps(record), created_ts, modified_ts),
        )

    def update(self, module: str, record: dict, modified_ts: float) -> None:
        self._write(
            "update records set data = ?, modified_ts = ? where module = ? and id = ?",
            (json.dumps(record), modified_ts, module, record["id"]),
        )

    def created(self, module: str, record_id: str) -> dict | None:
        """A stored record's id and creation stamps (all an update answers with besides the new
        stamps), or None when there is no such record."""
        rows = self._rows(
            "select data -> '$.Created_Time', data -> '$.Created_By' from records "
            "where module = ? and id = ?",
            (module, record_id),
        )
        if not rows:
            return None
        created = {"id": record_id}
        for key, value in zip(("Created_Time", "Created_By"), rows[0], strict=True):
            if value is not None:
                created[key] = json.loads(value)
        return created

    def patch(self, module: str, record_id: str, fields: dict, modified_ts: float) -> None:
        """Set `fields` on a stored record. SQLite merges them into the stored JSON text: reading
        and rewriting every field in Python was a quarter of what an update cost the sandbox."""
        if not all(FIELD_NAME.match(name) for name in fields):  # not a JSON path label
            self.update(module, {**self.get(module, record_id), **fields}, modified_ts)
            return
        expression, params = "data", []
        items = list(fields.items())
        for start in range(0, len(items), PATCH_PAIRS):
            chunk = items[start : start + PATCH_PAIRS]
            expression = f"json_set({expression}{', ?, json(?)' * len(chunk)})"
            for name, value in chunk:
                params += [f'$."{name}"', json.dumps(value)]
        self._write(
            f"update records set data = {expression}, modified_ts = ? where module = ? and id = ?",
            (*params, modified_ts, module, record_id),
        )

    def insert_new(self, module: str, rows: list[tuple[dict, float, float]]) -> int:
        """Insert (record, created_ts, modified_ts) rows whose id is new; returns how many."""
        params = [(module, r["id"], json.dumps(r), c, m) for r, c, m in rows]
        with self.transaction():
            before = self._conn.total_changes
            self._conn.executemany("insert or ignore into records values (?, ?, ?, ?, ?)", params)
            return self._conn.total_changes - before

    def query(
        self,
        module: str,
        *,
        modified_after: float | None = None,
        ids=None,
        sort_by: str = "id",
        sort_order: str = "desc",
        offset: int = 0,
        limit: int = 200,
    ) -> list[dict]:
        where, params = ["module = ?"], [module]
        if modified_after is not None:
            where.append("modified_ts > ?")
            params.append(modified_after)
        if ids is not None:
            where.append(f"id in ({', '.join('?' * len(ids))})")
            params.extend(ids)
        direction = "desc" if sort_order == "desc" else "asc"
        order = ", ".join(f"{key} {direction}" for key in SORT_KEYS[sort_by])
        sql = f"select data from records where {' and '.join(where)} order by {order}"
        rows = self._rows(f"{sql} limit ? offset ?", [*params, limit, offset])
        return [json.loads(row[0]) for row in rows]

    def next_id(self, kind: str = "record") -> str:
        """A new 19-digit id, skipping any an import already used."""
        while True:
            candidate = self._next_counter(kind)
            if kind != "record" or not self._rows(
                "select 1 from records where id = ?", (candidate,)
            ):
                return candidate

    def _next_counter(self, kind: str) -> str:
        with self.transaction():
            self._conn.execute(
                "insert into counters values (?, 1) "
                "on conflict (name) do update set value = value + 1",
                (kind,),
            )
            (value,) = self._conn.execute(
                "select value from counters where name = ?", (kind,)
            ).fetchone()
        return f"{ID_PREFIX[kind]}{value:012d}"

    # tags -------------------------------------------------------------------------------

    def tag_by_name(self, module: str, name: str) -> dict | None:
        rows = self._rows("select data from tags where module = ? and name = ?", (module, name))
        return json.loads(rows[0][0]) if rows else None

    def add_tag(self, module: str, tag: dict) -> None:
        self._write(
            "insert into tags values (?, ?, ?, ?)",
            (tag["id"], module, tag["name"], json.dumps(tag)),
        )

    def tag_record(self, module: str, record_id: str, tag_ids: list[str], over_write: bool) -> None:
        with self.transaction():
            if over_write:
                self._conn.execute(
                    "delete from record_tags where module = ? and record_id = ?",
                    (module, record_id),
                )
            self._conn.executemany(
                "insert or ignore into record_tags values (?, ?, ?)",
                [(module, record_id, tag_id) for tag_id in tag_ids],
            )

    def tags_of(self, module: str, record_ids: list[str]) -> dict[str, list[dict]]:
        """Tags per record id, in the order they were created."""
        if not record_ids:
            return {}
        marks = ", ".join("?" * len(record_ids))
        rows = self._rows(
            "select rt.record_id, t.data from record_tags rt join tags t on t.id = rt.tag_id "
            f"where rt.module = ? and rt.record_id in ({marks}) order by t.id",
            (module, *record_ids),
        )
        result: dict[str, list[dict]] = {}
        for record_id, data in rows:
            result.setdefault(record_id, []).append(json.loads(data))
        return result

    # tokens -----------------------------------------------------------------------------

    def add_access_token(self, token_hash: str, expires_at: float) -> None:
        self._write("insert or replace into access_tokens values (?, ?)", (token_hash, expires_at))

    def access_token_expiry(self, token_hash: str) -> float | None:
        rows = self._rows(
            "select expires_at from access_tokens where token_hash = ?", (token_hash,)
        )
        return rows[0][0] if rows else None

    def add_page_token(self, token: str, state: dict, expires_at: float, now: float) -> None:
        with self.transaction():
            self._conn.execute("delete from page_tokens where expires_at <= ?", (now,))
            self._conn.execute(
                "insert into page_tokens values (?, ?, ?)", (token, json.dumps(state), expires_at)
            )

    def page_token(self, token: str, now: float) -> dict | None:
        rows = self._rows(
            "select state from page_tokens where token = ? and expires_at > ?", (token, now)
        )
        return json.loads(rows[0][0]) if rows else None
