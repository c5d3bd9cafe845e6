"""One realistic data set shared by the generator tests (1,000 leads over 90 days, ~3 s)."""

import csv
import json
from datetime import date
from pathlib import Path

import pytest

from lead_scoring.generator import generate

END = date(2026, 11, 20)


class Dataset:
    def __init__(self, root: Path, summary):
        self.root, self.summary = root, summary

    def web_files(self) -> list[Path]:
        return sorted((self.root / "web").glob("*.jsonl"))

    def email_files(self) -> list[Path]:
        return sorted((self.root / "email").glob("*.json"))

    def web_events(self) -> list[dict]:
        return [json.loads(line) for path in self.web_files() for line in path.open()]

    def email_events(self) -> list[dict]:
        return [event for path in self.email_files() for event in json.loads(path.read_text())]

    def leads(self) -> list[dict]:
        return [json.loads(line) for line in (self.root / "crm" / "leads.jsonl").open()]

    def calls(self) -> list[dict]:
        return [json.loads(line) for line in (self.root / "crm" / "calls.jsonl").open()]

    def truth(self) -> list[dict]:
        with (self.root / "truth" / "leads.csv").open(newline="") as f:
            return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def dataset(tmp_path_factory) -> Dataset:
    root = tmp_path_factory.mktemp("generated")
    summary = generate(root, leads=1_000, days=90, seed=11, end_date=END, progress=False)
    return Dataset(root, summary)


@pytest.fixture(scope="session")
def web_events(dataset) -> list[dict]:
    return dataset.web_events()


@pytest.fixture(scope="session")
def email_events(dataset) -> list[dict]:
    return dataset.email_events()


@pytest.fixture(scope="session")
def leads(dataset) -> list[dict]:
    return dataset.leads()
