"""All dbt models, seeds and tests as one `@dbt_assets`, streamed from `dbt build`."""

import json
import os
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from lead_scoring import settings
from lead_scoring.defs.resources import Warehouse
from lead_scoring.quality.history_rollback import roll_back_unpublished

dbt_project = DbtProject(
    project_dir=settings.DBT_PROJECT_DIR, profiles_dir=settings.DBT_PROJECT_DIR
)
dbt_project.prepare_if_dev()


class LeadScoringTranslator(DagsterDbtTranslator):
    """Models and seeds keyed `[schema, name]`, grouped by the folder they live in."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] in ("model", "seed", "snapshot"):
            return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "score_rules"
        folders = dbt_resource_props.get("fqn", [])[1:-1]
        return folders[0] if folders else "dbt"


def _manifest_path():
    path = dbt_project.manifest_path
    if not path.exists():
        raise FileNotFoundError(
            f"dbt manifest {path} is missing: run `make dbt-parse` (or `make install`) first."
        )
    return path


@dbt_assets(
    manifest=_manifest_path(),
    project=dbt_project,
    dagster_dbt_translator=LeadScoringTranslator(),
)
def lead_scoring_dbt(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: Warehouse):
    # profiles.yml reads the warehouse path from the environment and dbt runs inside
    # dbt_project/, so hand it the resource's absolute path.
    os.environ["LEAD_SCORING_DUCKDB"] = str(warehouse.resolved_path())
    with warehouse.connect() as con:  # nothing a rejected run wrote is read by this one
        undone = roll_back_unpublished(con)
    if undone:
        context.log.warning("lead_score_history: rolled back the unpublished write of %s", undone)
    yield from dbt.cli(["build", *NIGHTLY_BUILD_ARGS, *dbt_vars_args()], context=context).stream()


# The unit tests pin the lesson profile's rules: they run in `make test`, never in the nightly
# build, so a rule a user adds or changes in their own profile cannot stop the night's run
# (a malformed rule row still does, naming the row).
NIGHTLY_BUILD_ARGS = ["--exclude-resource-type", "unit_test"]


def dbt_vars_args() -> list[str]:
    """`--vars` for a fixed scoring reference time (backfills, tests), else nothing."""
    as_of = settings.score_as_of()
    return ["--vars", json.dumps({"score_as_of": as_of})] if as_of else []


defs = dg.Definitions(
    assets=[lead_scoring_dbt],
    resources={"dbt": DbtCliResource(project_dir=dbt_project)},
)
