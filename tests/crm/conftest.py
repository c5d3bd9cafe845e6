"""Fixtures: a fresh sandbox on 127.0.0.1 per test and clients pointed at it."""

import pytest

from lead_scoring.crm import ZohoCrmClient
from lead_scoring.crm.sandbox import SandboxConfig, SandboxServer
from tests.crm.helpers import fast_settings, lead, write_jsonl


@pytest.fixture
def start_sandbox(tmp_path):
    """start_sandbox(leads=N, **config) -> a running SandboxServer; all stopped at teardown."""
    servers = []

    def start(leads: int = 0, db_name: str = "crm.sqlite3", **config) -> SandboxServer:
        server = SandboxServer(tmp_path / db_name, config=SandboxConfig(**config)).start()
        servers.append(server)
        if leads:
            import_dir = tmp_path / "import"
            import_dir.mkdir(exist_ok=True)
            write_jsonl(import_dir / "leads.jsonl", [lead(n) for n in range(leads)])
            server.import_dir(import_dir)
        return server

    yield start
    for server in servers:
        unexpected = [e for e in server.app.log.since() if e["status"] == 500 and not e["fault"]]
        server.stop()
        assert not unexpected, f"sandbox failed unexpectedly: {unexpected[:1]}"


@pytest.fixture
def sandbox(start_sandbox):
    return start_sandbox(leads=5)


@pytest.fixture
def make_client():
    clients = []

    def make(server: SandboxServer, **options) -> ZohoCrmClient:
        client = ZohoCrmClient(fast_settings(server, **options))
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()
