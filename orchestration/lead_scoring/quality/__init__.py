"""Data-quality suites (Great Expectations) run on frames read from the warehouse."""
