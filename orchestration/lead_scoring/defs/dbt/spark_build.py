"""`dbt build` on Spark inside the run's process (LEAD_SCORING_ENGINE=spark).

dbt-spark's session method runs Spark in the process that calls dbt, and the embedded Derby
metastore admits one JVM at a time: dbt as a child process (as on DuckDB) would hold the
metastore the checks, publish and sync need right after it. So on Spark the step starts the
session (`spark/session.py`), calls dbt through its Python entry point (dbtRunner) in this
process, and turns each result event into the same Dagster events dagster-dbt makes of the
CLI's JSON log lines: materializations of models and seeds, dbt tests as asset checks.

With LEAD_SCORING_SPARK_RAW_PARQUET_DIR set, the step first writes the warehouse's raw tables
(landed by the embedded ingest, checked by the raw suites) there as Parquet, which the build
registers as its raw schema; unset, the sources read LEAD_SCORING_SPARK_RAW_SCHEMA's own tables.
"""

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtProject
from dagster_dbt.core.dbt_cli_event import DbtCoreCliEventMessage

from lead_scoring import settings
from lead_scoring.spark.raw_parquet import export_raw_parquet
from lead_scoring.spark.session import spark_session

RESULT_EVENTS = ("LogSeedResult", "LogModelResult", "LogSnapshotResult", "LogTestResult")


def export_raw(context: dg.AssetExecutionContext, warehouse: Path) -> None:
    folder = settings.current().spark_raw_parquet_dir
    if folder is None:
        context.log.info(
            "LEAD_SCORING_SPARK_RAW_PARQUET_DIR is unset: the sources read schema "
            f"{settings.current().spark_raw_schema} on Spark as it is"
        )
        return
    try:
        written = export_raw_parquet(warehouse, folder)
    except (ValueError, OSError) as err:
        raise dg.Failure(
            description=f"raw tables to LEAD_SCORING_SPARK_RAW_PARQUET_DIR ({folder}): {err}"
        ) from err
    context.log.info(
        "raw tables as Parquet in %s: %s",
        folder,
        ", ".join(f"{table} {rows}" for table, rows in written.items()),
    )


def spark_build(
    context: dg.AssetExecutionContext,
    project: DbtProject,
    translator: DagsterDbtTranslator,
    args: list[str],
) -> Iterator:
    """Run `dbt <args>` on the Spark target in this process; yield its Dagster events. A failed
    node fails the step after its events (a failed test's check result included)."""
    from dbt.cli.main import dbtRunner
    from dbt_common.events.functions import msg_to_dict

    try:
        spark_session()  # dbt-spark's session method takes this one (getOrCreate)
    except settings.ConfigError as err:
        raise dg.Failure(description=str(err)) from err
    manifest = json.loads(project.manifest_path.read_text())
    results: list[dict] = []

    def collect(event) -> None:
        if event.info.name in RESULT_EVENTS:
            results.append(msg_to_dict(event))

    with tempfile.TemporaryDirectory(prefix="dbt-spark-") as work:
        command = [
            *args,
            "--project-dir",
            str(project.project_dir),
            "--profiles-dir",
            str(project.project_dir),
            "--target",
            "spark",
            "--target-path",
            str(Path(work) / "target"),
            "--log-path",
            str(Path(work) / "logs"),
        ]
        outcome = dbtRunner(callbacks=[collect]).invoke(command)
        for raw in results:
            message = DbtCoreCliEventMessage(raw_event=raw, event_history_metadata={})
            yield from message.to_default_asset_events(
                manifest=manifest, dagster_dbt_translator=translator, context=context
            )
    if not outcome.success:
        failed = [
            f"{r['data']['node_info']['unique_id']}: {r['data'].get('status')}"
            for r in results
            if str(r["data"].get("status", "")).lower() in ("error", "fail")
        ]
        detail = "; ".join(failed) or str(outcome.exception)
        raise dg.Failure(description=f"dbt build on Spark failed: {detail}")
