"""The landing-file sensor starts exactly one run per new file, by content: a file delivered
again with the same bytes (touched, or copied under another name) starts none."""

import os
import shutil

import dagster as dg
import pytest

from lead_scoring.defs.landing_sensor import new_landing_files


@pytest.fixture
def folders(tmp_path, monkeypatch):
    web, email = tmp_path / "web", tmp_path / "email"
    web.mkdir()
    email.mkdir()
    monkeypatch.setenv("LEAD_SCORING_WEB_EVENTS_DIR", str(web))
    monkeypatch.setenv("LEAD_SCORING_EMAIL_EVENTS_DIR", str(email))
    return web, email


class Ticks:
    """Sensor evaluations in a row, each starting from the cursor the last one left."""

    def __init__(self):
        self.cursor = None
        self.instance = dg.DagsterInstance.ephemeral()

    def tick(self) -> list[dg.RunRequest]:
        context = dg.build_sensor_context(cursor=self.cursor, instance=self.instance)
        requests = list(new_landing_files(context) or [])
        self.cursor = context.cursor
        return requests


@pytest.fixture
def ticks():
    ticks = Ticks()
    yield ticks
    ticks.instance.dispose()


def test_a_new_file_starts_exactly_one_run(folders, ticks):
    web, _ = folders
    (web / "2026-11-20.jsonl").write_text('{"messageId": "m1"}\n')
    requests = ticks.tick()
    assert len(requests) == 1
    assert requests[0].tags["lead_scoring/landing_file"] == str(web / "2026-11-20.jsonl")
    assert ticks.tick() == []  # the next tick: nothing new


def test_a_redelivered_identical_file_starts_none(folders, ticks):
    web, email = folders
    first = web / "2026-11-20.jsonl"
    first.write_text('{"messageId": "m1"}\n')
    assert len(ticks.tick()) == 1
    first.write_text('{"messageId": "m1"}\n')  # delivered again: same bytes, new mtime
    os.utime(first, ns=(first.stat().st_atime_ns, first.stat().st_mtime_ns + 10**9))
    shutil.copy(first, email / "copy-of-the-same.jsonl")
    assert ticks.tick() == []


def test_changed_content_under_the_same_name_is_new(folders, ticks):
    web, _ = folders
    path = web / "2026-11-20.jsonl"
    path.write_text('{"messageId": "m1"}\n')
    assert len(ticks.tick()) == 1
    path.write_text('{"messageId": "m1"}\n{"messageId": "m2"}\n')
    assert len(ticks.tick()) == 1


def test_two_new_files_start_two_runs_with_distinct_keys(folders, ticks):
    web, email = folders
    (web / "a.jsonl").write_text('{"messageId": "a"}\n')
    (email / "b.json").write_text('[{"sg_event_id": "b"}]')
    requests = ticks.tick()
    assert len({request.run_key for request in requests}) == len(requests) == 2


def test_the_sensor_is_off_by_default():
    assert new_landing_files.default_status == dg.DefaultSensorStatus.STOPPED
