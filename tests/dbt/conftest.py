"""One shared dbt build on a temporary warehouse with the hand-written raw rows."""

import shutil
from pathlib import Path

import pytest

from .dbt_helpers import create_raw_warehouse, run_dbt, vars_arg
from .dbt_sample_rows import AS_OF, EMAIL_EVENTS, LEADS, WEB_EVENTS

SCORE_AS_OF = AS_OF.strftime("%Y-%m-%dT%H:%M:%S")


@pytest.fixture(scope="session")
def raw_warehouse_template(tmp_path_factory) -> Path:
    """A warehouse with only the raw tables and rows; copy it before building into it."""
    path = tmp_path_factory.mktemp("raw") / "template.duckdb"
    create_raw_warehouse(
        path, {"crm_leads": LEADS, "web_events": WEB_EVENTS, "email_events": EMAIL_EVENTS}
    )
    return path


@pytest.fixture(scope="session")
def built(tmp_path_factory, raw_warehouse_template):
    """The full `dbt build` (seeds, models, data tests, unit tests) on the sample rows."""
    work_dir = tmp_path_factory.mktemp("build")
    warehouse = work_dir / "warehouse.duckdb"
    shutil.copy(raw_warehouse_template, warehouse)
    result = run_dbt(["build", *vars_arg(SCORE_AS_OF)], warehouse, work_dir)
    return warehouse, result
