"""The bench's data cache: which folder a size uses, when it is reused, what a run lands."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import data_cache  # noqa: E402


def test_a_folder_is_reused_only_once_complete(tmp_path):
    folder = data_cache.dataset_folder(tmp_path, 100, 3, 1, "2026-11-20")
    assert folder == data_cache.dataset_folder(tmp_path, 100, 3, 1, "2026-11-20")
    assert folder != data_cache.dataset_folder(tmp_path, 100, 4, 1, "2026-11-20")
    assert data_cache.generator_hash() in folder.name
    folder.mkdir()
    assert data_cache.cached_summary(folder) is None  # an interrupted generation
    data_cache.keep(folder, {"web_events": 5})
    assert data_cache.cached_summary(folder) == {"web_events": 5}


def test_keeping_a_new_generator_drops_the_same_size_of_an_older_one(tmp_path):
    old = tmp_path / "leads100-days3-seed1-end2026-11-20-genold"
    other_size = tmp_path / "leads200-days3-seed1-end2026-11-20-genold"
    old.mkdir()
    other_size.mkdir()
    new = data_cache.dataset_folder(tmp_path, 100, 3, 1, "2026-11-20")
    new.mkdir()
    data_cache.keep(new, {})
    assert not old.exists() and other_size.exists()


def test_the_landing_holds_the_new_day_back_until_it_lands(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = Path("data")  # relative, as make's default BENCH_CACHE
    for path in (
        "crm/leads.jsonl",
        "web/2026-11-19.jsonl.gz",
        "web/2026-11-20.jsonl.gz",
        "email/2026-11-19.json.gz",
        "email/2026-11-20.json.gz",
    ):
        (data / path).parent.mkdir(parents=True, exist_ok=True)
        (data / path).write_text(path)
    landing = tmp_path / "landing"
    data_cache.link_landing(data, landing, but_day="2026-11-20")
    assert (landing / "crm/leads.jsonl").read_text() == "crm/leads.jsonl"
    assert sorted(p.name for p in landing.glob("*/2026-*")) == [
        "2026-11-19.json.gz",
        "2026-11-19.jsonl.gz",
    ]
    landed = data_cache.land_day(data, landing, "2026-11-20")
    assert sorted(p.relative_to(landing).as_posix() for p in landed) == [
        "email/2026-11-20.json.gz",
        "web/2026-11-20.jsonl.gz",
    ]
    assert (landing / "web/2026-11-20.jsonl.gz").read_text() == "web/2026-11-20.jsonl.gz"
