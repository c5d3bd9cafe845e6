"""`lead-scoring check`: the effective settings (secrets masked) and quick probes of what they
point at (warehouse writable, landing folders, dbt, a CRM token refresh), in seconds."""

import argparse

from lead_scoring.config.load import current, shown
from lead_scoring.config.model import Settings
from lead_scoring.config.probes import all_probes


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-probes", action="store_true", help="only print the settings, probe nothing"
    )


def settings_lines(settings: Settings, set_names: set[str]) -> list[str]:
    lines = ["Settings (secrets masked; '*' = set in the environment, else the default):"]
    for field, info in Settings.model_fields.items():
        mark = "*" if info.alias in set_names else " "
        lines.append(f" {mark} {info.alias} = {shown(field, getattr(settings, field))}")
    return lines


def run(args: argparse.Namespace) -> int:
    import os

    settings = current()
    set_names = {name for name, value in os.environ.items() if value.strip()}
    print("\n".join(settings_lines(settings, set_names)))
    if args.no_probes:
        return 0
    print("Probes:")
    results = all_probes(settings)
    for ok, line in results:
        print(f"  {'ok  ' if ok else 'FAIL'} {line}")
    return 0 if all(ok for ok, _ in results) else 1
