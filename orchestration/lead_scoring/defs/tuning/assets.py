"""The fitted-points proposal as an asset outside the nightly job (group `tuning`): materialise
it by hand to fit the points on the current marts; it writes a proposed profile and a report
under data/fit/ and never changes the live profile, marts or the CRM."""

import dagster as dg

from lead_scoring import settings
from lead_scoring.defs.resources import Warehouse
from lead_scoring.tuning.fit import FitOptions, fit_profile
from lead_scoring.tuning.warehouse_copy import ScoringBuildError

TUNING_GROUP = "tuning"


@dg.asset(
    key=["tuning", "proposed_scoring_profile"],
    group_name=TUNING_GROUP,
    kinds={"scikitlearn"},
    deps=[["marts", "lead_scores"], ["intermediate", "int_lead_outcomes"]],
    description="Points learned from outcomes (lead-scoring fit): data/fit/proposed_profile/ "
    "and fit_report.html/.json beside the warehouse. A proposal, never applied by itself; "
    "not part of the nightly job.",
)
def proposed_scoring_profile(
    context: dg.AssetExecutionContext, warehouse: Warehouse
) -> dg.MaterializeResult:
    path = warehouse.resolved_path()
    out = path.parent / "fit"
    try:
        report = fit_profile(path, settings.profile_dir(), out, FitOptions(), context.log.info)
    except (ScoringBuildError, ValueError) as err:
        raise dg.Failure(description=f"fit: {err}") from err
    return dg.MaterializeResult(
        metadata={
            "proposed_profile": str(out / "proposed_profile"),
            "report": str(out / "fit_report.html"),
            "split": report["split"],
            "holdout_auc": dg.MetadataValue.json(report["holdout_auc"]),
        }
    )


defs = dg.Definitions(assets=[proposed_scoring_profile])
