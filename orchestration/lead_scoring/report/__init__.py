"""The morning report: one offline HTML page from the published snapshot (no Dagster)."""
