"""The user's own lead and activity files, loaded from landing folders on every run.

LEAD_SCORING_IMPORT_LEADS_DIR / LEAD_SCORING_IMPORT_ACTIVITIES_DIR hold the files; each new or
changed file is imported as `lead-scoring import` would (mapping from the profile). An unset or
empty folder lands nothing, and the raw table still exists so dbt's sources do too.
"""

from pathlib import Path

import dagster as dg

from lead_scoring import settings
from lead_scoring.defs.resources import Warehouse
from lead_scoring.imports.load import TABLES, already_imported, import_file
from lead_scoring.imports.mapping import MappingError, read_mapping
from lead_scoring.imports.readers import FORMATS
from lead_scoring.ingest.errors import IngestError
from lead_scoring.ingest.warehouse import ensure_raw_schema


def _files(folder: Path | None) -> list[Path]:
    if folder is None or not folder.is_dir():
        return []
    suffixes = tuple(FORMATS) + tuple(f"{s}.gz" for s in FORMATS)
    return sorted(p for p in folder.iterdir() if p.name.lower().endswith(suffixes))


def _import_asset(entity: str, folder_setting, variable: str):
    table = TABLES[entity]

    @dg.asset(
        key=["raw", table],
        group_name="ingest",
        kinds={"duckdb", "file"},
        description=f"Imported {entity} files from {variable} (CSV, Parquet, JSON lines, .gz), "
        "typed by the profile's lead_mapping.csv; bad rows to raw._quarantine.",
    )
    def _asset(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
        folder = folder_setting()
        totals = {"files": 0, "rows_inserted": 0, "rows_quarantined": 0, "files_skipped": 0}
        try:
            with warehouse.connect() as con:
                ensure_raw_schema(con)
                files = _files(folder)
                mapping = read_mapping(settings.lead_mapping_path()) if files else None
                for path in files:
                    if already_imported(con, entity, path):
                        totals["files_skipped"] += 1
                        continue
                    result = import_file(con, entity, path, mapping, context.run.run_id)
                    context.log.info(
                        "%s: %d new rows, %d quarantined",
                        path.name,
                        result.rows_inserted,
                        result.rows_quarantined,
                    )
                    totals["files"] += 1
                    totals["rows_inserted"] += result.rows_inserted
                    totals["rows_quarantined"] += result.rows_quarantined
                total = con.execute(f"select count(*) from raw.{table}").fetchone()[0]
        except (IngestError, MappingError, settings.ConfigError) as err:
            raise dg.Failure(description=f"{table} ({variable}={folder}): {err}") from err
        return dg.MaterializeResult(
            metadata={**totals, "landing_folder": str(folder or ""), "dagster/row_count": total}
        )

    return _asset


import_leads = _import_asset("leads", settings.import_leads_dir, "LEAD_SCORING_IMPORT_LEADS_DIR")
import_activities = _import_asset(
    "activities", settings.import_activities_dir, "LEAD_SCORING_IMPORT_ACTIVITIES_DIR"
)
