import gzip
import hashlib
from datetime import date

from lead_scoring.generator import generate


def _digests(root):
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_same_arguments_give_identical_bytes(tmp_path):
    args = dict(leads=300, days=20, seed=5, end_date=date(2026, 3, 31), progress=False)
    first = generate(tmp_path / "a", **args)
    second = generate(tmp_path / "b", **args)
    assert first == second
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")


def test_another_seed_gives_other_data(tmp_path):
    args = dict(leads=300, days=20, end_date=date(2026, 3, 31), progress=False)
    generate(tmp_path / "a", seed=5, **args)
    generate(tmp_path / "b", seed=6, **args)
    a, b = _digests(tmp_path / "a"), _digests(tmp_path / "b")
    assert a.keys() == b.keys()
    assert a["crm/leads.jsonl"] != b["crm/leads.jsonl"]
    assert a["web/2026-03-31.jsonl"] != b["web/2026-03-31.jsonl"]
    assert a["email/2026-03-31.json"] != b["email/2026-03-31.json"]


def test_rerun_with_fewer_days_leaves_no_stale_day_files(tmp_path):
    generate(tmp_path, leads=50, days=5, seed=1, end_date=date(2026, 3, 31), progress=False)
    generate(tmp_path, leads=50, days=2, seed=1, end_date=date(2026, 3, 31), progress=False)
    assert sorted(p.name for p in (tmp_path / "web").iterdir()) == [
        "2026-03-30.jsonl",
        "2026-03-31.jsonl",
    ]


def test_gzip_files_hold_the_same_bytes_and_are_deterministic(tmp_path):
    args = dict(leads=100, days=2, seed=5, end_date=date(2026, 3, 31), progress=False)
    generate(tmp_path / "plain", **args)
    generate(tmp_path / "gz1", compress=True, **args)
    generate(tmp_path / "gz2", compress=True, **args)
    assert _digests(tmp_path / "gz1") == _digests(tmp_path / "gz2")
    for name in ("web/2026-03-31.jsonl", "email/2026-03-31.json"):
        plain = (tmp_path / "plain" / name).read_bytes()
        assert gzip.decompress((tmp_path / "gz1" / f"{name}.gz").read_bytes()) == plain
    assert not list((tmp_path / "gz1" / "web").glob("*.jsonl"))
