"""The `lead-scoring` command: one sub-command per tool, each defined beside its code.

Settings are validated before any command that reads them starts work: a bad value prints one
line naming the variable and exits 2, before anything is written.
"""

import argparse
import importlib
import sys

# sub-command -> (module with `add_arguments(parser)` and `run(args) -> int`, help, reads settings)
COMMANDS = {
    "generate": ("lead_scoring.generator.command", "Write deterministic sample data.", False),
    "crm-sandbox": (
        "lead_scoring.crm.sandbox.command",
        "Serve the local Zoho CRM v8 sandbox.",
        True,
    ),
    "run": ("lead_scoring.run_command", "Materialise the whole pipeline once.", True),
    "demo": (
        "lead_scoring.demo",
        "Generate data, start the sandbox, run, print a summary.",
        True,
    ),
    "check": (
        "lead_scoring.check_command",
        "Print the effective settings and probe the warehouse, folders, dbt and the CRM.",
        True,
    ),
    "dbt": (
        "lead_scoring.dbt_command",
        "Run the project's dbt from any folder, e.g. `lead-scoring dbt docs generate`.",
        True,
    ),
    "import": (
        "lead_scoring.imports.command",
        "Import leads or activities from your own files.",
        True,
    ),
    "profile": (
        "lead_scoring.profiling.command",
        "Profile the leads and write starter rules.",
        True,
    ),
    "fit": (
        "lead_scoring.tuning.fit_command",
        "Learn the points from outcomes: a proposed profile and a report.",
        True,
    ),
    "preview": (
        "lead_scoring.tuning.preview_command",
        "Score every lead with other seeds next to the live scores; changes nothing.",
        True,
    ),
    "report": (
        "lead_scoring.report.command",
        "Write the HTML report from the BI snapshot.",
        True,
    ),
    "spark-export-raw": (
        "lead_scoring.spark.export_command",
        "Write the raw tables as Parquet for a Spark build (LEAD_SCORING_ENGINE=spark).",
        True,
    ),
    "accept-volume": (
        "lead_scoring.quality.accept_volume",
        "Accept a table's changed row count once (recorded in audit.check_history).",
        True,
    ),
}
EXIT_BAD_SETTINGS = 2


class DefaultsShown(argparse.ArgumentDefaultsHelpFormatter):
    """Every option's help ends with its default, except options without one (flags, None)."""

    def _get_help_string(self, action: argparse.Action) -> str:
        if action.default in (None, False, argparse.SUPPRESS) or "default" in (action.help or ""):
            return action.help
        return super()._get_help_string(action)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="lead-scoring", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    # import only the chosen command's module: Dagster and dbt are slow to load
    wanted = [argv[0]] if argv and argv[0] in COMMANDS else list(COMMANDS)
    modules = {}
    for name in wanted:
        module_name, help_text, _ = COMMANDS[name]
        modules[name] = importlib.import_module(module_name)
        command = sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            formatter_class=DefaultsShown,
        )
        modules[name].add_arguments(command)
    args = parser.parse_args(argv)
    if COMMANDS[args.command][2] and not settings_are_usable():
        return EXIT_BAD_SETTINGS
    return modules[args.command].run(args)


def settings_are_usable() -> bool:
    """Validate every LEAD_SCORING_* variable; print one line per bad one."""
    from lead_scoring.settings import SettingsError, current

    try:
        current()
    except SettingsError as err:
        for line in err.lines:
            print(f"lead-scoring: {line}", file=sys.stderr)
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
