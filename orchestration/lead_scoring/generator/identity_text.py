"""Per-person and per-actor text rendered once per run: identify traits, the address SendGrid
reports, and each browser's IP address."""

from dataclasses import dataclass

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lead_scoring.generator import site
from lead_scoring.generator.context import Context
from lead_scoring.generator.randomness import stream


@dataclass(frozen=True)
class PersonText:
    traits: pa.Array  # ,"traits":{...} per person
    email: pa.Array  # JSON string of the person's address, per person
    ip: pa.Array  # dotted IPv4 per actor


def make_person_text(con: duckdb.DuckDBPyConnection, ctx: Context) -> PersonText:
    p, leads = ctx.actors.persons, ctx.leads
    con.register(
        "person_cols",
        pa.table(
            {
                "email": pa.array(leads.esp_email[:p], pa.string()),
                "first": pa.array(leads.first_name[:p], pa.string()),
                "last": pa.array(leads.last_name[:p], pa.string()),
                "company": pa.array(leads.company[:p], pa.string()),
            }
        ),
    )
    # DuckDB's to_json does the escaping; row order is kept (no joins, insertion order on).
    rendered = con.sql("""
        select ',"traits":' || to_json({'email': email, 'firstName': first, 'lastName': last,
                                        'company': company}) as traits,
            to_json(email)::varchar as email
        from person_cols
    """).to_arrow_table()
    con.unregister("person_cols")
    return PersonText(
        traits=rendered.column("traits").combine_chunks(),
        email=rendered.column("email").combine_chunks(),
        ip=_ip_addresses(ctx),
    )


def _ip_addresses(ctx: Context) -> pa.Array:
    rng = stream(ctx.seed, "ip")
    n = len(ctx.actors)
    prefix = np.array(site.IP_PREFIXES)[rng.integers(0, len(site.IP_PREFIXES), n)]
    octets = [prefix[:, 0], prefix[:, 1], rng.integers(0, 256, n), rng.integers(1, 255, n)]
    strings = [pc.cast(pa.array(o), pa.string()) for o in octets]
    return pc.binary_join_element_wise(*strings, ".")
