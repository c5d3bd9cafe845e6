"""The hand-off table: each hand-off's intent, written before anything is sent, and its state.

Zoho has no idempotency key, so exactly-once comes from here. A task goes
`pending` -> `in_flight` (committed before the create is sent) -> `done`. A task left
`in_flight` (crash, timeout, 5xx) may or may not exist in the CRM: it is looked up there before
it is ever sent again. Tags need no such care: adding a tag twice leaves one tag.
"""

import json
from collections.abc import Iterable
from datetime import UTC, datetime

import duckdb

from lead_scoring.reverse_etl.handoff_rules import PAYLOAD_MODEL
from lead_scoring.reverse_etl.ledger import accepted_hashes_sql, insert_columns

HANDOFF_TABLE = "reverse_etl.crm_handoffs"


def ensure(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists reverse_etl")
    con.execute(
        f"""
        create table if not exists {HANDOFF_TABLE} (
            handoff_id varchar primary key,
            lead_id varchar not null,
            handed_off_at timestamptz not null,
            detected_run_id varchar not null,
            detected_at timestamptz not null,
            task_body varchar not null,  -- the exact Tasks record to create (JSON)
            tag_state varchar not null default 'pending',  -- pending | done
            task_state varchar not null default 'pending',  -- pending | in_flight | done
            task_sent_at timestamptz,  -- last time a create was sent
            task_id varchar,  -- the CRM's id once known
            notified_at timestamptz
        )
        """
    )


def add(con: duckdb.DuckDBPyConnection, run_id: str, rows: list[tuple[dict, dict]]) -> None:
    """Record new hand-offs: (candidate, task body) pairs, tag and task pending."""
    now = datetime.now(UTC)
    values = [
        (c["handoff_id"], c["lead_id"], c["handed_off_at"], run_id, now, json.dumps(task))
        for c, task in rows
    ]
    types = ("varchar", "varchar", "timestamptz", "varchar", "timestamptz", "varchar")
    insert_columns(
        con,
        f"{HANDOFF_TABLE} (handoff_id, lead_id, handed_off_at, "
        "detected_run_id, detected_at, task_body)",
        types,
        values,
    )


def known_ids_sql() -> str:
    return f"select handoff_id from {HANDOFF_TABLE}"


def latest_handoffs(con, lead_ids: list[str]) -> dict[str, datetime]:
    """{lead_id: time of its latest recorded hand-off} for those of `lead_ids` that have one."""
    if not lead_ids:
        return {}
    return dict(
        con.execute(
            f"select lead_id, max(handed_off_at) from {HANDOFF_TABLE} "
            "where lead_id in (select unnest(?::varchar[])) group by lead_id",
            [lead_ids],
        ).fetchall()
    )


def _select(con, where: str) -> list[dict]:
    rows = con.execute(
        f"select handoff_id, lead_id, task_body, task_sent_at from {HANDOFF_TABLE} "
        f"where {where} order by handed_off_at, lead_id, handoff_id"
    ).fetchall()
    return [
        {"handoff_id": h, "lead_id": lead, "task": json.loads(body), "task_sent_at": sent}
        for h, lead, body, sent in rows
    ]


def score_accepted() -> str:
    """Condition: the CRM accepted the lead's current score payload. A lead whose score write
    failed (429s, a refusal) gets no tag or task yet: they follow on the run that lands it."""
    return (
        f"lead_id in (select lead_id from {PAYLOAD_MODEL} "
        f"join ({accepted_hashes_sql()}) using (lead_id, payload_hash))"
    )


def pending_tags(con) -> list[dict]:
    return _select(con, f"tag_state = 'pending' and {score_accepted()}")


def tasks_in(con, state: str) -> list[dict]:
    """Tasks in `state`; pending ones only for leads whose score the CRM accepted (in-flight
    ones were sent already and are looked up whatever their score)."""
    ready = f" and {score_accepted()}" if state == "pending" else ""
    return _select(con, f"task_state = '{state}'{ready}")


def to_notify(con) -> list[dict]:
    return _select(con, "task_state = 'done' and notified_at is null")


def open_count(con) -> int:
    """Hand-offs with a tag or task still to do."""
    return con.execute(
        f"select count(*) from {HANDOFF_TABLE} where tag_state <> 'done' or task_state <> 'done'"
    ).fetchone()[0]


def set_tag_done(con, handoff_ids: Iterable[str]) -> None:
    _update(con, "tag_state = 'done'", handoff_ids)


def set_in_flight(con, handoff_ids: Iterable[str], sent_at: datetime) -> None:
    _update(con, "task_state = 'in_flight', task_sent_at = ?", handoff_ids, [sent_at])


def set_task_pending(con, handoff_ids: Iterable[str]) -> None:
    _update(con, "task_state = 'pending'", handoff_ids)


def set_task_done(con, task_ids: dict[str, str | None]) -> None:
    """{handoff_id: CRM task id}."""
    if task_ids:
        con.execute(
            f"update {HANDOFF_TABLE} as h set task_state = 'done', task_id = found.task_id "
            "from (select unnest(?::varchar[]) as handoff_id, unnest(?::varchar[]) as task_id) "
            "as found where h.handoff_id = found.handoff_id",
            [list(task_ids), list(task_ids.values())],
        )


def set_notified(con, handoff_ids: Iterable[str]) -> None:
    _update(con, "notified_at = now()", handoff_ids)


def _update(con, assignments: str, handoff_ids: Iterable[str], params: list = ()) -> None:
    ids = list(handoff_ids)
    if ids:
        con.execute(
            f"update {HANDOFF_TABLE} set {assignments} where handoff_id in "
            f"(select unnest(?::varchar[]))",
            [*params, ids],
        )
