"""`make test` runs the suite on two pytest-xdist workers (--dist loadgroup). Each test joins
the group of the costliest fixture it can share: a folder whose conftest builds session
fixtures (a nightly run, a dbt build, generated data) keeps all its tests on one worker, so
each fixture is built once; elsewhere a module's tests stay together for its module fixtures."""

import pytest

# folders whose conftest.py holds session-scoped fixtures that several modules use
SESSION_FIXTURE_FOLDERS = {"dbt", "e2e", "generator", "report", "spark"}


def xdist_group(item: pytest.Item) -> str:
    module = item.nodeid.split("::")[0]  # tests/<folder>/test_x.py
    folder = module.split("/")[1] if module.count("/") >= 2 else ""
    return f"tests/{folder}" if folder in SESSION_FIXTURE_FOLDERS else module


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(pytest.mark.xdist_group(xdist_group(item)))
