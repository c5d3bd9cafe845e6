"""Fixtures: a sandbox holding the warehouse's leads, and a warehouse built without dbt."""

import pytest

from tests.crm.conftest import start_sandbox  # noqa: F401  (a fixture, used by name)
from tests.reverse_etl.helpers import build_warehouse

LEADS = 250


@pytest.fixture
def warehouse(tmp_path):
    return build_warehouse(tmp_path / "warehouse.duckdb", LEADS)


@pytest.fixture
def sandbox(start_sandbox):  # noqa: F811
    return start_sandbox(leads=LEADS)
