"""truth/leads.csv: the hidden intent and eventual outcome per lead record, for measuring
score quality. Duplicate records carry their person's truth."""

from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from lead_scoring.generator.leads import Leads


def write_truth(con: duckdb.DuckDBPyConnection, leads: Leads, path: Path) -> int:
    con.register(
        "truth_cols",
        pa.table(
            {
                "lead_id": leads.lead_id,
                "email": pa.array(leads.email, pa.string()),
                "true_intent": leads.intent,
                "converted": leads.converted,
                "won": leads.won,
            }
        ),
    )
    con.execute(f"""
        copy (
            select cast(lead_id as varchar) as lead_id, email,
                round(true_intent, 4) as true_intent, converted, won
            from truth_cols order by lead_id
        ) to '{path}' (format csv, header true)
    """)
    con.unregister("truth_cols")
    return int(np.size(leads.lead_id))
