"""Case 9 of issue 11: when publishing the BI snapshot fails (disk full, a path that cannot be
written), the CRM sync does not start: BI and the CRM never disagree about a run.

A path that can never be written is refused by the settings model before the run starts
(tests/cli/test_bad_settings.py); here the disk fills up while the snapshot is written."""

import errno
from unittest import mock

from tests.e2e.scenarios import scenario


def test_the_sync_does_not_start_when_publish_failed(generated, tmp_path):
    disk_full = OSError(errno.ENOSPC, "No space left on device")
    with (
        scenario(tmp_path / "run", generated) as broken,
        mock.patch("lead_scoring.defs.publish.assets.publish_marts", side_effect=disk_full),
    ):
        result = broken.run()
        writes = broken.crm_writes()

    assert not result.success
    failed = [e.step_key for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    assert failed == ["publish__bi_snapshot"]
    materialized = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert "reverse_etl/crm_lead_scores" not in materialized
    assert writes == 0
