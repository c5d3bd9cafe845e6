"""Case 9 of issue 11: when publishing the BI snapshot fails (disk full, a path that cannot be
written), the CRM sync does not start: BI and the CRM never disagree about a run."""

from tests.e2e.scenarios import scenario


def test_the_sync_does_not_start_when_publish_failed(generated, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the snapshot's folder should be")
    settings = {"LEAD_SCORING_PUBLISHED_DUCKDB": str(blocker / "published.duckdb")}
    with scenario(tmp_path / "run", generated, **settings) as broken:
        result = broken.run()
        writes = broken.crm_writes()

    assert not result.success
    failed = [e.step_key for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    assert failed == ["publish__bi_snapshot"]
    materialized = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert "reverse_etl/crm_lead_scores" not in materialized
    assert writes == 0
