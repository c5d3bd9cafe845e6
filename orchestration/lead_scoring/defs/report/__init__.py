"""The morning report asset."""
