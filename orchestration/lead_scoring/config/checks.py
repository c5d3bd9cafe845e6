"""Value checks the settings model applies: each raises ValueError with the reason in words."""

import re
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from lead_scoring.project import DBT_PROJECT_DIR, PROJECT_ROOT

MEMORY = re.compile(r"^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", re.IGNORECASE)
ISO_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?(Z|[+-]\d{2}:?\d{2})?$"
)
# cron fields: (lowest, highest, names); Dagster reads five fields
CRON_FIELDS = (
    (0, 59, ()),
    (0, 23, ()),
    (1, 31, ()),
    (1, 12, ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]),
    (0, 7, ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]),
)


def project_path(value: str | Path) -> Path:
    """Relative paths are taken from the project root, whatever the working directory."""
    path = Path(value).expanduser()
    path = path if path.is_absolute() else PROJECT_ROOT / path
    for parent in path.parents:
        if parent.exists() and not parent.is_dir():
            raise ValueError(f"{parent} is a file, so nothing can live under it")
    return path


def file_path(value: str | Path) -> Path:
    path = project_path(value)
    if path.is_dir():
        raise ValueError("that is a folder; name a file")
    return path


def folder_path(value: str | Path) -> Path:
    path = project_path(value)
    if path.exists() and not path.is_dir():
        raise ValueError("that is a file; name the folder files land in")
    return path


SPARK_MASTER = re.compile(r"^(local(\[(\d+|\*)\])?|(spark|k8s|mesos)://\S+|yarn)$")


def spark_master(value: str) -> str:
    """A Spark master URL: local, local[N], local[*], spark://host:port, k8s://..., yarn."""
    value = value.strip()
    if not SPARK_MASTER.match(value):
        raise ValueError("not a Spark master; use local[2], local[*] or spark://host:7077")
    return value


SCHEMA_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def schema_name(value: str) -> str:
    """A plain SQL schema name (letters, digits, underscores), safe to write into SQL."""
    value = value.strip()
    if not SCHEMA_NAME.match(value):
        raise ValueError("not a schema name; use letters, digits and underscores, e.g. raw")
    return value


def data_center(value: str | None) -> str | None:
    """A Zoho data centre name (its accounts and API hosts are in crm/data_centers.py)."""
    from lead_scoring.crm.data_centers import DATA_CENTERS

    if value is None:
        return None
    key = value.strip().lower().lstrip(".")
    if key not in DATA_CENTERS:
        raise ValueError(f"not a Zoho data centre; use one of {', '.join(DATA_CENTERS)}")
    return key


def write_triggers(value: str) -> str:
    from lead_scoring.crm.settings import parse_triggers

    parse_triggers(value)
    return value


def none_means_off(value: object) -> object:
    """`none` (any case) switches a source off: its folder is None."""
    if isinstance(value, str) and value.strip().lower() == "none":
        return None
    return value


def profile_folder(value: str | Path) -> Path:
    """A scoring profile: an existing folder given relative to dbt_project/ (as dbt's
    seed-paths in dbt_project.yml takes it). An absolute path is refused: dbt writes each
    seed's compiled output under its target folder joined with the seed's path, which for an
    absolute path is the seed file itself."""
    path = Path(value).expanduser()
    if path.is_absolute():
        raise ValueError(
            "give the folder relative to dbt_project/ (e.g. profiles/acme or ../../acme): dbt "
            "overwrites the seed files of an absolute seed path with its compiled output"
        )
    path = DBT_PROJECT_DIR / path
    if not path.is_dir():
        raise ValueError(f"{path} is not a folder of rule seeds")
    return path


def memory_size(value: str) -> str:
    if not MEMORY.match(value.strip()):
        raise ValueError("expected a size with a unit (B, KB, MB, GB, TB, KiB ... TiB)")
    return value.strip()


def timezone_name(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("not an IANA time zone name") from None
    return value


def iso_time(value: str) -> str:
    """Empty (= now) or an ISO 8601 date or time; the dbt macro score_as_of reads the same text."""
    value = value.strip()
    if not value:
        return value
    try:
        if not ISO_TIME.match(value):
            raise ValueError
        datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            "expected an ISO 8601 date or time (UTC unless it has an offset)"
        ) from None
    return value


def http_url(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("expected an http(s) URL with a host name")
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise ValueError("the port is not a number from 0 to 65535") from None
    return value.strip().rstrip("/")


def cron(value: str) -> str:
    fields = value.split()
    if len(fields) != 5 or not all(
        _cron_field(f.lower(), *rule) for f, rule in zip(fields, CRON_FIELDS, strict=True)
    ):
        raise ValueError("expected five cron fields: minute hour day-of-month month day-of-week")
    return " ".join(fields)


def _cron_field(text: str, low: int, high: int, names: list[str]) -> bool:
    return all(_cron_part(part, low, high, names) for part in text.split(","))


def _cron_part(part: str, low: int, high: int, names: list[str]) -> bool:
    span, _, step = part.partition("/")
    if step and not (step.isdigit() and int(step) > 0):
        return False
    if span == "*":
        return True
    ends = span.split("-")
    if len(ends) > 2:
        return False
    values = [_cron_value(end, low, names) for end in ends]
    return all(v is not None and low <= v <= high for v in values)  # 5-1 wraps, as in Dagster


def _cron_value(text: str, low: int, names: list[str]) -> int | None:
    if text.isdigit():
        return int(text)
    return names.index(text) + low if text in names else None
