import argparse
import json
from pathlib import Path

from lead_scoring.generator import command


def test_generate_command_writes_the_layout_and_prints_a_summary(tmp_path, capsys):
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    args = parser.parse_args(
        ["--out", str(tmp_path), "--leads", "40", "--days", "3", "--seed", "2",
         "--end-date", "2026-01-05", "--no-progress"]
    )  # fmt: skip
    assert command.run(args) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["leads"] == 40 and summary["end_date"] == "2026-01-05"
    for name in ("crm/leads.jsonl", "crm/calls.jsonl", "truth/leads.csv", "web/2026-01-03.jsonl"):
        assert (tmp_path / name).is_file()
    assert sorted(p.name for p in (tmp_path / "email").iterdir()) == [
        "2026-01-03.json", "2026-01-04.json", "2026-01-05.json",
    ]  # fmt: skip


def test_end_date_defaults_to_today_and_out_to_data_generated():
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    args = parser.parse_args([])
    # the project's data/generated, whatever the working folder (the landing folders' default)
    project = Path(__file__).resolve().parents[2]
    assert args.end_date is None and args.out == project / "data" / "generated"
