"""The `lead-scoring` command: one sub-command per tool, each defined beside its code."""

import argparse
import importlib
import sys

# sub-command -> module with `add_arguments(parser)` and `run(args) -> int`
COMMANDS = {
    "generate": ("lead_scoring.generator.command", "Write deterministic sample data."),
    "crm-sandbox": ("lead_scoring.crm.sandbox.command", "Serve the local Zoho CRM v8 sandbox."),
    "run": ("lead_scoring.run_command", "Materialise the whole pipeline once."),
    "demo": ("lead_scoring.demo", "Generate data, start the sandbox, run, print a summary."),
    "accept-volume": (
        "lead_scoring.quality.accept_volume",
        "Accept a table's changed row count once (recorded in audit.check_history).",
    ),
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="lead-scoring", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    # import only the chosen command's module: Dagster and dbt are slow to load
    wanted = [argv[0]] if argv and argv[0] in COMMANDS else list(COMMANDS)
    modules = {}
    for name in wanted:
        module_name, help_text = COMMANDS[name]
        modules[name] = importlib.import_module(module_name)
        modules[name].add_arguments(sub.add_parser(name, help=help_text, description=help_text))
    args = parser.parse_args(argv)
    return modules[args.command].run(args)


if __name__ == "__main__":
    sys.exit(main())
