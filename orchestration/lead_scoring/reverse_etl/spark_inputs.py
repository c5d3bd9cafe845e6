"""The reverse ETL's inputs from a Spark build (LEAD_SCORING_ENGINE=spark).

The sync keeps its ledger and hand-off state in the DuckDB warehouse on either engine: a
batch's ledger rows and its state changes commit together in one transaction, and a task
moves pending -> in_flight -> done by updates, which Parquet tables cannot do (they only
append or replace whole). That state is small and belongs to the CRM conversation, not the
score model. What the sync reads from dbt (the payload model, the leads' owners, the hand-off
packages) is copied from Spark in Arrow batches into the warehouse under the same names, in
one transaction, just before the sync; the sync then runs as on DuckDB.
"""

import duckdb

from lead_scoring.ingest.warehouse import transaction
from lead_scoring.reverse_etl.handoff_rules import LEADS_MODEL, PACKAGE_MODEL, PAYLOAD_MODEL
from lead_scoring.spark.arrow_copy import copy_table

REQUIRED = (PAYLOAD_MODEL, LEADS_MODEL)
OPTIONAL = (PACKAGE_MODEL,)  # the task carries the package when the model is built


def stage_sync_inputs(spark, con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Copy the sync's input models from Spark into `con`; rows per model."""
    missing = [name for name in REQUIRED if not spark.catalog.tableExists(name)]
    if missing:
        raise ValueError(f"Spark has no {', '.join(missing)}: build the models first")
    present = [*REQUIRED, *(n for n in OPTIONAL if spark.catalog.tableExists(n))]
    with transaction(con):
        return {name: copy_table(spark, con, name) for name in present}
