"""Reverse ETL: send changed score payloads to the CRM and keep a ledger of every attempt."""
