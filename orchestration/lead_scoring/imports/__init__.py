"""Import leads and activities from the user's own files (CSV, Parquet, JSON lines)."""
