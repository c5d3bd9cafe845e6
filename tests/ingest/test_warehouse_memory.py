"""The loaders' DuckDB connection has a bounded buffer pool (DuckDB's own default is 80% of RAM,
which a 7M-event load used: 15.7 GB peak at 100k leads)."""

from lead_scoring.ingest.warehouse import connect


def _limit(path) -> str:
    with connect(path) as con:
        return con.execute("select current_setting('memory_limit')").fetchone()[0]


def test_memory_limit_defaults_to_3gb_and_follows_the_setting(tmp_path, monkeypatch):
    monkeypatch.delenv("LEAD_SCORING_DUCKDB_MEMORY_LIMIT", raising=False)
    assert _limit(tmp_path / "w.duckdb") == "2.7 GiB"  # DuckDB shows 3 GB in GiB
    monkeypatch.setenv("LEAD_SCORING_DUCKDB_MEMORY_LIMIT", "512MB")
    assert _limit(tmp_path / "w.duckdb") == "488.2 MiB"
