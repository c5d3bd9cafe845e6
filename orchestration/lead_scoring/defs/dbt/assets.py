"""All dbt models, seeds and tests as one `@dbt_assets`, streamed from `dbt build`.

dbt runs as the executable beside this Python (or LEAD_SCORING_DBT_EXECUTABLE), so the code
location loads without the venv on PATH. dbt reads its settings from the environment it
inherits (profiles.yml: LEAD_SCORING_DUCKDB, _DUCKDB_MEMORY_LIMIT; macro score_as_of:
LEAD_SCORING_SCORE_AS_OF), the same variables the settings model validated; nothing here
changes the process environment.
"""

import contextlib
import os
import shutil
import tempfile
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from lead_scoring import settings
from lead_scoring.config.tools import dbt_executable
from lead_scoring.defs.dbt.progress import dbt_progress
from lead_scoring.defs.dbt.spark_build import export_raw, spark_build
from lead_scoring.defs.resources import Warehouse
from lead_scoring.quality.history_rollback import roll_back_unpublished

OWNERS = ["team:analytics-engineering"]
CONSOLE_TAG = "lead_scoring/console"


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

    def get_owners(self, dbt_resource_props: Mapping[str, Any]) -> list[str]:
        return super().get_owners(dbt_resource_props) or OWNERS


def dbt_cli() -> str:
    found = dbt_executable(settings.current())
    if found is None:
        raise settings.ConfigError(
            "dbt was found neither beside this Python nor on PATH: install the project "
            "(`make install`) or set LEAD_SCORING_DBT_EXECUTABLE, e.g. .venv/bin/dbt"
        )
    return str(found)


def build_dbt_defs() -> dg.Definitions:
    """The dbt assets; the manifest is read (and made, once, if missing) when this is called."""
    project = DbtProject(project_dir=settings.DBT_PROJECT_DIR)
    resource = DbtCliResource(project_dir=project, dbt_executable=dbt_cli())
    if not project.manifest_path.exists():
        resource.cli(["parse", "--quiet"], target_path=project.target_path).wait()

    translator = LeadScoringTranslator()

    @dbt_assets(
        manifest=project.manifest_path,
        project=project,
        dagster_dbt_translator=translator,
    )
    def lead_scoring_dbt(
        context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: Warehouse
    ):
        same_file(warehouse)
        if settings.current().engine == "spark":
            export_raw(context, warehouse.resolved_path())
            with quiet_when_asked(context):
                events = spark_build(context, project, translator, ["build", *NIGHTLY_BUILD_ARGS])
                yield from dbt_progress(context, events)
            return
        with warehouse.connect() as con:  # nothing a rejected run wrote is read by this one
            undone = roll_back_unpublished(con)
        if undone:
            context.log.warning("lead_score_history: rolled back the unpublished write %s", undone)
        with quiet_when_asked(context):
            invocation = dbt.cli(["build", *NIGHTLY_BUILD_ARGS], context=context)
            yield from dbt_progress(context, invocation.stream())
        keep_partial_parse(invocation.target_path, project)

    return dg.Definitions(assets=[lead_scoring_dbt], resources={"dbt": resource})


# The unit tests pin the lesson profile's rules: they run in `make test`, never in the nightly
# build, so a rule a user adds or changes in their own profile cannot stop the night's run
# (a malformed rule row still does, naming the row).
NIGHTLY_BUILD_ARGS = ["--exclude-resource-type", "unit_test"]


def quiet_when_asked(context: dg.AssetExecutionContext):
    """dagster-dbt echoes each dbt log line to stdout; `lead-scoring run` without --verbose
    tags its run to hide them (dbt's own log file and the step's events keep everything)."""
    if context.run.tags.get(CONSOLE_TAG) != "quiet":
        return contextlib.nullcontext()
    return _discarding_stdout()


@contextlib.contextmanager
def _discarding_stdout():
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        yield


def same_file(warehouse: Warehouse) -> None:
    """dbt opens the file LEAD_SCORING_DUCKDB names: a resource pointing elsewhere is a
    mistake to name, not to paper over by rewriting the environment."""
    if warehouse.resolved_path().resolve() != settings.duckdb_path().resolve():
        raise dg.Failure(
            description=f"dbt builds in LEAD_SCORING_DUCKDB ({settings.duckdb_path()}), but the "
            f"warehouse resource points at {warehouse.resolved_path()}: set LEAD_SCORING_DUCKDB "
            "to the warehouse instead of configuring the resource's path."
        )


def keep_partial_parse(target_path, project: DbtProject) -> None:
    """The next run starts from this run's parse (dagster-dbt copies it into each new target
    folder), so an unchanged project is not parsed again."""
    produced = target_path / "partial_parse.msgpack"
    if produced.exists():
        kept = project.project_dir / project.target_path / produced.name
        # a name of its own: two runs on other warehouses may finish at the same moment
        with (
            produced.open("rb") as source,
            tempfile.NamedTemporaryFile(dir=kept.parent, suffix=".tmp", delete=False) as copy,
        ):
            shutil.copyfileobj(source, copy)
        os.replace(copy.name, kept)  # whole or not at all
