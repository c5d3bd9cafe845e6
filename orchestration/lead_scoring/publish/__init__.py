"""The BI snapshot: the `marts` schema copied into its own DuckDB file after a good run."""
