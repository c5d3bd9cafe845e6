"""The bench's generated data set, made once per size and kept in a cache folder.

A folder is named by everything that decides its bytes (leads, days, seed, end date and a hash
of the generator's source), so a second run at the same size reuses it and a generator change
makes a new one. A run's warehouse reads the cached files through links in its own work folder.
"""

import hashlib
import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT / "orchestration/lead_scoring/generator"
SUMMARY = "summary.json"  # written last: a folder without it is an interrupted generation


def generator_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted(GENERATOR.rglob("*.py")):
        digest.update(path.relative_to(GENERATOR).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def dataset_folder(cache: Path, leads: int, days: int, seed: int, end_date: str) -> Path:
    return cache / f"leads{leads}-days{days}-seed{seed}-end{end_date}-gen{generator_hash()}"


def cached_summary(folder: Path) -> dict | None:
    """The generator's summary of a complete cached data set, or None."""
    path = folder / SUMMARY
    return json.loads(path.read_text()) if path.exists() else None


def keep(folder: Path, summary: dict) -> None:
    """Mark `folder` complete; drop the same size made by an older generator (never reused)."""
    (folder / SUMMARY).write_text(json.dumps(summary, indent=2) + "\n")
    stem = folder.name.rsplit("-gen", 1)[0]
    for old in folder.parent.glob(f"{stem}-gen*"):
        if old != folder:
            shutil.rmtree(old)


def day_files(dataset: Path, day: str) -> list[Path]:
    """The web and e-mail files of one day."""
    return sorted(dataset.glob(f"web/{day}.*")) + sorted(dataset.glob(f"email/{day}.*"))


def link_landing(dataset: Path, landing: Path, but_day: str) -> None:
    """`landing` as the warehouse's landing folder: the CRM files and every day's events
    except `but_day`, as links to the cache (nothing is copied)."""
    dataset = dataset.absolute()  # a relative link target would resolve from the link's folder
    landing.mkdir(parents=True)
    (landing / "crm").symlink_to(dataset / "crm", target_is_directory=True)
    held = set(day_files(dataset, but_day))
    for folder in ("web", "email"):
        (landing / folder).mkdir()
        for path in sorted((dataset / folder).iterdir()):
            if path not in held:
                (landing / folder / path.name).symlink_to(path)


def land_day(dataset: Path, landing: Path, day: str) -> list[Path]:
    """The new day arrives: link its files into `landing`; returns the landed paths."""
    landed = []
    for path in day_files(dataset.absolute(), day):
        target = landing / path.parent.name / path.name
        target.symlink_to(path)
        landed.append(target)
    return landed
