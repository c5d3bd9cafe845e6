"""Dagster definitions, one folder per domain; `lead_scoring.definitions` merges them."""
