"""What blocks what: every suite is a blocking check, and the BI publish and the CRM sync sit
downstream of every mart they read, so a failed check on one stops them."""

import dagster as dg

from lead_scoring import settings
from lead_scoring.definitions import build_defs

defs = build_defs()
GRAPH = defs.resolve_asset_graph()
MARTS = {key for key in GRAPH.get_all_asset_keys() if key.path[0] == "marts"}
PUBLISH = dg.AssetKey(["publish", "bi_snapshot"])
SYNC = dg.AssetKey(["reverse_etl", "crm_lead_scores"])


def _blocking_gx_checks() -> dict[dg.AssetKey, str]:
    checks = {}
    for checks_def in defs.asset_checks or []:
        for spec in checks_def.check_specs:
            if spec.name.startswith("gx_"):
                assert spec.blocking, spec.key
                checks[spec.asset_key] = spec.name
    return checks


def test_every_suite_is_a_blocking_check_on_its_asset():
    suites = {dg.AssetKey(p.stem.split(".")) for p in settings.EXPECTATIONS_DIR.glob("*.json")}
    assert set(_blocking_gx_checks()) == suites


def test_the_publish_waits_for_every_mart():
    assert MARTS and GRAPH.get(PUBLISH).parent_keys >= MARTS


def test_the_crm_sync_waits_for_the_checked_marts_it_reads():
    parents = GRAPH.get(SYNC).parent_keys
    checked = set(_blocking_gx_checks())
    read = {dg.AssetKey(["marts", "sync_crm__lead_scores"]), dg.AssetKey(["marts", "lead_scores"])}
    assert read <= parents & checked


def test_every_source_blocks_the_models_built_on_it():
    sources = {key for key in GRAPH.get_all_asset_keys() if key.path[0] == "raw"}
    assert sources <= set(_blocking_gx_checks())
